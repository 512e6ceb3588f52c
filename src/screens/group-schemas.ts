import { z } from '@hono/zod-openapi';
import { CountyCodeSchema, MunicipalityCodeSchema } from '../regions/regions.js';
import { TagSchema } from './screen-schemas.js';

export const GroupRuleSchema = z
  .object({
    tags: z.array(TagSchema).max(30).optional(),
    chains: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
    countyCodes: z.array(CountyCodeSchema).max(21).optional(),
    municipalityCodes: z.array(MunicipalityCodeSchema).max(290).optional(),
  })
  .strict()
  .openapi('ScreenGroupRule', {
    description: "A dynamic group holds the screens in its region meeting every non-empty criterion: a tag in common, chain listed, county listed, municipality listed. An empty rule holds every screen of the group's region.",
  });

const regionFields = {
  countyCode: CountyCodeSchema.optional().openapi({ description: 'The county whose coordinators manage the group; absent for a national group' }),
  municipalityCode: MunicipalityCodeSchema.optional().openapi({ description: 'For a municipal group' }),
};

export const NewGroupSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    kind: z.enum(['static', 'dynamic']),
    rule: GroupRuleSchema.optional().openapi({ description: 'Required for dynamic groups; not allowed for static ones' }),
    ...regionFields,
    screenIds: z.array(z.uuid()).max(1000).optional().openapi({ description: 'First members of a static group' }),
  })
  .strict()
  .refine((group) => (group.kind === 'dynamic') === (group.rule !== undefined), {
    message: 'a dynamic group needs a rule and a static group takes none',
    path: ['rule'],
  })
  .refine((group) => group.kind === 'static' || group.screenIds === undefined, {
    message: 'a dynamic group chooses its screens by its rule',
    path: ['screenIds'],
  })
  .refine((group) => !group.countyCode || !group.municipalityCode || group.municipalityCode.startsWith(group.countyCode), {
    message: "countyCode is not the municipality's county",
    path: ['countyCode'],
  })
  .openapi('NewScreenGroup');

export const GroupPatchSchema = z
  .object({ name: z.string().trim().min(1).max(120).optional(), rule: GroupRuleSchema.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
  .openapi('ScreenGroupPatch');

export const GroupMembersSchema = z
  .object({ screenIds: z.array(z.uuid()).min(1).max(1000) })
  .strict()
  .openapi('ScreenGroupMembers');

export const GroupSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['static', 'dynamic']),
    rule: GroupRuleSchema.nullable(),
    countyCode: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    memberCount: z.number().int().nullable().openapi({ description: 'Static groups only; list dynamic members with GET /api/v1/screens?group=' }),
    createdAt: z.string(),
  })
  .openapi('ScreenGroup');

export type NewGroup = z.infer<typeof NewGroupSchema>;
export type GroupPatch = z.infer<typeof GroupPatchSchema>;
