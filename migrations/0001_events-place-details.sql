ALTER TABLE "events" ADD COLUMN "place_municipality_code" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "place_url" text;