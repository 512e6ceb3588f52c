// Renders one SVG to PNG in a child process. librsvg draws a document in a single native call
// that sharp's timeout cannot interrupt, so a pathological SVG (stacked filters over a huge
// region) could hold a libuv thread for minutes; a process can be killed. Plain JavaScript so it
// starts with bare `node`, whatever loader runs the parent.
// Arguments: svgPath outputPath density maxPixels maxSeconds. Exit 0 on success; otherwise the
// error on stderr. The parent kills this process on time; the own timer is a backstop for when
// the parent itself died.
import sharp from 'sharp';

const [svgPath, outputPath, density, maxPixels, maxSeconds] = process.argv.slice(2);
setTimeout(() => process.exit(3), (Number(maxSeconds) + 5) * 1000).unref();
sharp.concurrency(1);
sharp.cache(false);
try {
  await sharp(svgPath, { density: Number(density), limitInputPixels: Number(maxPixels), failOn: 'warning' })
    .png({ compressionLevel: 1 })
    .toFile(outputPath);
} catch (error) {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
