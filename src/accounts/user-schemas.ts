import { z } from '@hono/zod-openapi';
import { CountyCodeSchema, MunicipalityCodeSchema } from '../regions/regions.js';

export const RoleSchema = z.enum(['admin', 'coordinator', 'member']);
export const ScopeSchema = z.enum(['national', 'county', 'municipality']);

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    scope: ScopeSchema.nullable(),
    scopeCountyCode: z.string().nullable(),
    scopeMunicipalityCode: z.string().nullable(),
    organisationId: z.uuid().nullable(),
  })
  .openapi('User');

export const NewUserSchema = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    password: z.string().min(12, 'at least 12 characters').max(1000),
    role: RoleSchema,
    scope: ScopeSchema.optional(),
    scopeCountyCode: CountyCodeSchema.optional(),
    scopeMunicipalityCode: MunicipalityCodeSchema.optional(),
    organisationId: z.uuid().optional(),
  })
  .openapi('NewUser');

export const OrganisationKindSchema = z.enum([
  'national_agency',
  'county_board',
  'municipality',
  'association',
  'school',
  'business',
]);

export const PostalAddressSchema = z
  .object({
    recipient: z.string().trim().min(1).max(200),
    careOf: z.string().trim().max(200).optional(),
    street: z.string().trim().min(1).max(200),
    postalCode: z.string().trim().regex(/^\d{3} ?\d{2}$/, 'a Swedish postal code, e.g. 721 87'),
    city: z.string().trim().min(1).max(100),
  })
  .openapi('PostalAddress');

export const OrganisationSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    kind: OrganisationKindSchema,
    countyCode: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    defaultAddress: PostalAddressSchema.nullable(),
    createdAt: z.string(),
  })
  .openapi('Organisation');

export const NewOrganisationSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens').max(100),
    name: z.string().trim().min(1).max(200),
    kind: OrganisationKindSchema,
    countyCode: CountyCodeSchema.optional(),
    municipalityCode: MunicipalityCodeSchema.optional(),
    defaultAddress: PostalAddressSchema.optional(),
  })
  .openapi('NewOrganisation');
