import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createUser } from '../accounts/users-service.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';

/**
 * `npm run admin:create -- <email> [name]` creates an admin; the password is read from
 * ADMIN_PASSWORD or asked for on the terminal, never taken from the command line (shell history).
 */
async function main(): Promise<void> {
  const [email, ...nameParts] = process.argv.slice(2);
  if (!email) {
    console.error('usage: npm run admin:create -- <email> [name]');
    process.exit(2);
  }
  // The e-mail comes from the command line; ADMIN_PASSWORD, if set, through the validated config.
  const config = loadConfig({ ...process.env, ADMIN_EMAIL: email });
  let password = config.ADMIN_PASSWORD;
  if (!password) {
    const terminal = createInterface({ input: process.stdin, output: process.stdout });
    password = await terminal.question('Password (at least 12 characters): ');
    terminal.close();
  }
  if (!password || password.length < 12) {
    console.error('The password must be at least 12 characters.');
    process.exit(2);
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.dataDir, 'pglite') });
  await database.migrate();
  const result = await createUser(database.db, 'system', { email, password, name: nameParts.join(' ') || 'Administrator', role: 'admin' });
  await database.close();
  if (!result.ok) {
    console.error(result.detail);
    process.exit(1);
  }
  console.log(`admin ${result.user.email} created`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
