/*
 * pack-render: rendering one social-media pack (4 artworks of about 3000x3000, two with a focal
 * point and two cut by attention, × every platform size, into a zip in the blob store) against
 * libvips' own command-line tool making the same cuts as JPEG files at the same quality in the
 * same run. Ratio = our time / vips time; target <= 1.5.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { FsBlobStore } from '../src/media/storage.js';
import { focalCropBox } from '../src/packs/focal-crop.js';
import { PACK_JPEG_QUALITY, type PackArtwork, type PackCampaign, planPack } from '../src/packs/pack-plan.js';
import { renderPackZip } from '../src/packs/render-pack.js';
import { PLATFORM_SIZES } from '../src/packs/platform-sizes.js';
import { meetsTarget, reportResult } from './support/report.js';

const run = promisify(execFile);
const ROUNDS = 3;
const TARGET = '<= 1.5';

const ARTWORK = [
  { width: 3000, height: 3000, focal: { x: 0.3, y: 0.4 } },
  { width: 3000, height: 3000, focal: null },
  { width: 3600, height: 2400, focal: { x: 0.8, y: 0.25 } },
  { width: 2400, height: 3600, focal: null },
] as const;

const campaign: PackCampaign = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'svartsjuka-ar-inte-romantiskt',
  title: { sv: 'Svartsjuka är inte romantiskt' },
  summary: { sv: 'Om våld i ungas parrelationer.' },
  description: { sv: 'Årlig kampanj om våld i ungas parrelationer.' },
  airing: { spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] },
  ordering: { spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] },
};

function requireVips(): void {
  const missing = ['vips', 'vipsthumbnail'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
  );
  if (missing.length > 0) {
    console.error(
      `pack-render: the reference needs libvips' command-line tools (${missing.join(', ')} not found).\n` +
        'Install them with: apt-get install -y libvips-tools',
    );
    process.exit(1);
  }
}

/** A photo-like master: blurred noise (so the encoder has real work) under a colour gradient. */
async function makeMaster(width: number, height: number): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .blur(3)
    .raw()
    .toBuffer();
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#7b2d8b" stop-opacity="0.6"/><stop offset="1" stop-color="#f2a0c0" stop-opacity="0.6"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width * 0.6}" cy="${height * 0.4}" r="${width / 6}" fill="#e8336b"/></svg>`,
  );
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .composite([{ input: gradient }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * The same cuts with libvips' CLI, as one shell script so the reference pays no Node overhead:
 * vipsthumbnail --smartcrop attention for the artwork without a focal point (all of them in one
 * call per size), and for focal points `vips thumbnail` to the cover size then `vips crop`.
 * Answers the wall time and the CPU time of the vips processes (from the shell's `times`).
 */
async function cutWithVips(files: string[], outDir: string): Promise<{ wallMs: number; cpuMs: number }> {
  const jpeg = `[Q=${PACK_JPEG_QUALITY},strip]`;
  const lines = ['set -e'];
  const attention = ARTWORK.flatMap((spec, index) => (spec.focal ? [] : [files[index] as string]));
  for (const size of PLATFORM_SIZES) {
    lines.push(
      `vipsthumbnail ${attention.join(' ')} --size ${size.width}x${size.height} --smartcrop attention -o '${outDir}/%s-${size.name}.jpg${jpeg}'`,
    );
  }
  for (const [index, spec] of ARTWORK.entries()) {
    if (!spec.focal) continue;
    for (const size of PLATFORM_SIZES) {
      const box = focalCropBox(spec, size, spec.focal);
      const resized = `${outDir}/${index}-${size.name}.v`;
      lines.push(
        `vips thumbnail ${files[index]} ${resized} ${box.resizeWidth} --height ${box.resizeHeight} --size force`,
      );
      lines.push(
        `vips crop ${resized} '${outDir}/${index}-${size.name}.jpg${jpeg}' ${box.left} ${box.top} ${box.width} ${box.height}`,
      );
    }
  }
  lines.push('times');
  const started = performance.now();
  const { stdout } = await run('bash', ['-c', lines.join('\n')]);
  const wallMs = performance.now() - started;
  // `times` prints the shell's own user/sys, then its children's: "0m1.234s 0m0.456s".
  const childLine = stdout.trim().split('\n').at(-1) ?? '';
  const seconds = [...childLine.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (match) => Number(match[1]) * 60 + Number(match[2]),
  );
  return { wallMs, cpuMs: seconds.reduce((sum, value) => sum + value, 0) * 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  requireVips();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bench-pack-render-'));
  try {
    const store = await FsBlobStore.open(path.join(workDir, 'media'));
    const masterFiles: string[] = [];
    const artwork: PackArtwork[] = [];
    for (const [index, spec] of ARTWORK.entries()) {
      const master = await makeMaster(spec.width, spec.height);
      const stored = await store.put(master);
      const file = path.join(workDir, `master-${index}.jpg`);
      await sharp(master).toFile(file);
      masterFiles.push(file);
      artwork.push({
        assetId: `a${index}`,
        masterHash: stored.hash,
        format: 'jpeg',
        width: spec.width,
        height: spec.height,
        altText: `Bild ${index + 1}`,
        focalX: spec.focal?.x ?? null,
        focalY: spec.focal?.y ?? null,
        rightsExpiry: null,
      });
    }
    const plan = planPack(campaign, 'sv', artwork);

    const ours: Array<{ wallMs: number; cpuMs: number; rssGrowthMb: number }> = [];
    const reference: Array<{ wallMs: number; cpuMs: number }> = [];
    let zipBytes = 0;
    // One warm-up each, then alternate so load on the machine hits both sides alike.
    for (let round = 0; round <= ROUNDS; round++) {
      sharp.cache(false); // no decoded masters left over from the previous round
      sharp.cache({ memory: 50, files: 20, items: 100 });
      const rssBefore = process.memoryUsage.rss();
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
      }, 10);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const zip = await renderPackZip(store, plan);
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      clearInterval(sampler);
      const rssGrowthMb = Math.round((rssPeak - rssBefore) / 1024 / 1024);
      const oursRound = { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rssGrowthMb };
      zipBytes = zip.bytes;
      await store.delete(zip.hash);

      const outDir = await mkdtemp(path.join(workDir, 'vips-'));
      const vipsRound = await cutWithVips(masterFiles, outDir);
      await rm(outDir, { recursive: true, force: true });
      if (round > 0) {
        ours.push(oursRound);
        reference.push(vipsRound);
      }
      console.log(
        `round ${round}${round === 0 ? ' (warm-up)' : ''}: ours ${oursRound.wallMs.toFixed(0)} ms (cpu ${oursRound.cpuMs.toFixed(0)}, RSS +${rssGrowthMb} MB), ` +
          `vips ${vipsRound.wallMs.toFixed(0)} ms (cpu ${vipsRound.cpuMs.toFixed(0)})`,
      );
    }
    const value = median(ours.map((round) => round.wallMs));
    const referenceValue = median(reference.map((round) => round.wallMs));
    const ratio = Math.round((value / referenceValue) * 100) / 100;
    const cpuRatio =
      Math.round(
        (median(ours.map((round) => round.cpuMs)) / median(reference.map((round) => round.cpuMs))) * 100,
      ) / 100;
    const vipsVersion = spawnSync('vips', ['--version'], { encoding: 'utf8' }).stdout.trim();
    await reportResult({
      name: 'pack-render',
      value: Math.round(value),
      unit: 'ms per pack',
      reference: {
        name: `${vipsVersion} CLI (vipsthumbnail --smartcrop attention; vips thumbnail + crop for focal points), same cuts`,
        value: Math.round(referenceValue),
      },
      ratio,
      target: TARGET,
      meets: meetsTarget(ratio, TARGET),
      setup: {
        artwork: ARTWORK.map((spec) => `${spec.width}x${spec.height}${spec.focal ? ' focal' : ' attention'}`),
        sizes: PLATFORM_SIZES.length,
        cuts: plan.images.length,
        jpegQuality: PACK_JPEG_QUALITY,
        rounds: ROUNDS,
        zipBytes,
        cores: os.cpus().length,
      },
      notes: [
        'Ours is the whole render: cuts, zip, sha256 and fsync into the blob store; vips only writes JPEG files.',
        'Medians of the measured rounds after one warm-up; rounds alternate between the two sides.',
        'The vips side pays one process start per command (35 commands); the CPU ratio is steadier on a busy machine.',
      ],
      extra: { cpuRatio, ours, vips: reference },
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
