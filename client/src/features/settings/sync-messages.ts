import { defineMessages, type KeysOf } from "../../lib/i18n";
import "./messages";

/** Strings of Settings → Partner Center sync and of the "synced … ago" indicator on data pages. */
export const syncMessages = defineMessages({
  en: {
    "sync.title": "Partner Center sync",
    "sync.intro":
      "channelgate keeps a copy of {partner}'s Partner Center network. A full sync reads everything; between full syncs, webhooks and the audit records keep it current.",
    "sync.start": "Start full sync",
    "sync.resume": "Resume the failed sync",
    "sync.starting": "Starting…",
    "sync.started": "The sync started. Its progress shows below.",
    "sync.caption": "Sync runs, newest first",
    "sync.empty": "No sync has run yet.",
    "sync.col.started": "Started",
    "sync.col.kind": "Kind",
    "sync.col.status": "Status",
    "sync.col.progress": "Progress",
    "sync.col.calls": "Calls (retries, throttled)",
    "sync.col.finished": "Finished",
    "sync.kind.FULL": "Full",
    "sync.kind.INCREMENTAL": "Incremental",
    "sync.status.RUNNING": "Running",
    "sync.status.SUCCEEDED": "Succeeded",
    "sync.status.FAILED": "Failed",
    "sync.phase.PARTNERS": "Partners",
    "sync.phase.CUSTOMERS": "Customers",
    "sync.phase.AUDIT_RECORDS": "Audit records",
    "sync.phase.REFRESH": "Refresh",
    "sync.phaseProgress": "{phase} {done}/{total}",
    "sync.changed": "{count} changed",
    "sync.resumeFrom": "Resume point: customer {id}",
    "sync.calls": "{calls} ({retries}, {throttled})",
    "sync.notAllowed": "Your role ({role}) cannot see the Partner Center sync. A global admin or admin agent can.",
    "provenance.synced": "Synced {ago}",
    "provenance.stale": "Stale: synced {ago}",
    "provenance.local": "channelgate's own record",
    "provenance.network.synced": "Partner Center data synced {ago}",
    "provenance.network.stale": "Stale: Partner Center data synced {ago}",
    "provenance.network.never": "Stale: not synced from Partner Center yet",
    "provenance.network.title":
      "Last confirmed by a successful Partner Center sync at {at} (UTC); shown as stale after {minutes} min.",
    "provenance.network.neverTitle":
      "No Partner Center sync has succeeded yet: what you see may not match Partner Center.",
    "ago.justNow": "just now",
    "ago.minutes": "{n} min ago",
    "ago.hours": "{n} h ago",
    "ago.days": "{n} d ago",
  },
  "pt-PT": {
    "sync.title": "Sincronização com o Partner Center",
    "sync.intro":
      "O channelgate guarda uma cópia da rede de {partner} no Partner Center. Uma sincronização completa lê tudo; entre sincronizações completas, os webhooks e os registos de auditoria mantêm-na atualizada.",
    "sync.start": "Iniciar sincronização completa",
    "sync.resume": "Retomar a sincronização falhada",
    "sync.starting": "A iniciar…",
    "sync.started": "A sincronização começou. O progresso aparece abaixo.",
    "sync.caption": "Sincronizações, da mais recente",
    "sync.empty": "Ainda não correu nenhuma sincronização.",
    "sync.col.started": "Início",
    "sync.col.kind": "Tipo",
    "sync.col.status": "Estado",
    "sync.col.progress": "Progresso",
    "sync.col.calls": "Chamadas (repetições, limitadas)",
    "sync.col.finished": "Fim",
    "sync.kind.FULL": "Completa",
    "sync.kind.INCREMENTAL": "Incremental",
    "sync.status.RUNNING": "Em curso",
    "sync.status.SUCCEEDED": "Concluída",
    "sync.status.FAILED": "Falhou",
    "sync.phase.PARTNERS": "Parceiros",
    "sync.phase.CUSTOMERS": "Clientes",
    "sync.phase.AUDIT_RECORDS": "Registos de auditoria",
    "sync.phase.REFRESH": "Atualização",
    "sync.phaseProgress": "{phase} {done}/{total}",
    "sync.changed": "{count} alterados",
    "sync.resumeFrom": "Ponto de retoma: cliente {id}",
    "sync.calls": "{calls} ({retries}, {throttled})",
    "sync.notAllowed":
      "A sua função ({role}) não permite ver a sincronização com o Partner Center. Um administrador global ou agente de administração pode.",
    "provenance.synced": "Sincronizado {ago}",
    "provenance.stale": "Desatualizado: sincronizado {ago}",
    "provenance.local": "Registo próprio do channelgate",
    "provenance.network.synced": "Dados do Partner Center sincronizados {ago}",
    "provenance.network.stale": "Desatualizado: dados do Partner Center sincronizados {ago}",
    "provenance.network.never": "Desatualizado: ainda não sincronizado com o Partner Center",
    "provenance.network.title":
      "Confirmado pela última sincronização bem-sucedida com o Partner Center em {at} (UTC); mostrado como desatualizado após {minutes} min.",
    "provenance.network.neverTitle":
      "Nenhuma sincronização com o Partner Center terminou com êxito: o que vê pode não corresponder ao Partner Center.",
    "ago.justNow": "agora mesmo",
    "ago.minutes": "há {n} min",
    "ago.hours": "há {n} h",
    "ago.days": "há {n} d",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof syncMessages> {}
}
