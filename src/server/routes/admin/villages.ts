import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateVillageRequest, UpdateVillageRequest } from '../../../shared/api/admin';
import { VillagesResponse } from '../../../shared/api/auth';
import { uuidv7 } from '../../../shared/ids';
import { Uuid, Village, villageCode } from '../../../shared/model/organization';
import { canWriteAdmin } from '../../../shared/model/user';
import { recordAudit } from '../../audit';
import type { RouteOptions } from '../../context';
import { conflict, notFound, validationFailed } from '../../errors';
import { UniqueViolation } from '../../store';

const VillageParams = z.object({ id: Uuid });

export const villageRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const adminOnly = ctx.auth.requireRole(canWriteAdmin);

  app.get('/', { schema: { response: { 200: VillagesResponse } } }, async () => ({
    villages: await ctx.store.listVillages(),
  }));

  app.post(
    '/',
    {
      onRequest: adminOnly,
      config: { answerOnce: true },
      schema: { body: CreateVillageRequest, response: { 201: Village } },
    },
    async (request, reply) => {
      const { mooNo, name } = request.body;
      const code = request.body.code ?? (await defaultCode(ctx.store, mooNo));
      const at = ctx.clock().toISOString();
      const village = await ctx.store.transaction(async (tx) => {
        const created = await tx
          .createVillage({ id: uuidv7(), mooNo, name, code }, at)
          .catch(villageTaken);
        await recordAudit(tx, request, {
          action: 'village.create',
          at,
          target: created.id,
          details: { mooNo, name, code },
        });
        return created;
      });
      return reply.code(201).send(village);
    },
  );

  app.patch(
    '/:id',
    {
      onRequest: adminOnly,
      schema: { params: VillageParams, body: UpdateVillageRequest, response: { 200: Village } },
    },
    async (request) => {
      const at = ctx.clock().toISOString();
      return ctx.store.transaction(async (tx) => {
        const village = await tx
          .updateVillage(request.params.id, request.body, at)
          .catch(villageTaken);
        if (!village) throw notFound('Village');
        await recordAudit(tx, request, {
          action: 'village.update',
          at,
          target: village.id,
          details: request.body,
        });
        return village;
      });
    },
  );
};

async function defaultCode(
  store: { getOrganization(): Promise<{ subdistrictCode: string } | null> },
  mooNo: number,
): Promise<string> {
  const organization = await store.getOrganization();
  if (!organization) {
    throw validationFailed([{ path: 'code', message: 'required_without_organization' }]);
  }
  return villageCode(organization.subdistrictCode, mooNo);
}

function villageTaken(error: unknown): never {
  if (error instanceof UniqueViolation) {
    const field = error.constraint.endsWith('moo_no') ? 'mooNo' : 'code';
    throw conflict(`Another village has this ${field}`, { field });
  }
  throw error;
}
