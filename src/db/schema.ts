/** Every table, gathered for drizzle's client and drizzle-kit. Each feature owns its own file. */
export * from '../accounts/schema.js';
export * from '../campaigns/schema.js';
export * from '../assets/schema.js';
export * from '../jobs/schema.js';
export * from '../screens/schema.js';
export * from '../slides/schema.js';
export * from '../plays/schema.js';
export * from '../packs/schema.js';
export * from '../orders/schema.js';
export * from '../mail/schema.js';
export * from '../media/schema.js';
export * from '../events/schema.js';
