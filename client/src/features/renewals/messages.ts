import { defineMessages, type KeysOf } from "../../lib/i18n";

export const renewalMessages = defineMessages({
  en: {
    "renewals.title": "Renewals",
    "renewals.intro":
      "What renews or expires soon, by reseller and customer: reduce seats while their windows are open, before the term renews. Monthly subscriptions that renew unchanged are left out.",
    "renewals.window": "Ending within",
    "renewals.window.7": "7 days",
    "renewals.window.30": "30 days",
    "renewals.window.90": "90 days",
    "renewals.empty": "Nothing renews or expires in this period.",
    "renewals.direct": "No reseller (billed directly)",
    "renewals.reseller": "Reseller: {name}",
    "renewals.caption": "Subscriptions of {customer} ending within {days}",
    "renewals.col.offer": "Subscription",
    "renewals.col.ends": "Term ends",
    "renewals.col.seats": "Seats",
    "renewals.col.autoRenew": "At term end",
    "renewals.col.windows": "Open reduction windows",
    "renewals.col.scheduled": "Scheduled change",
    "renewals.renews": "Renews",
    "renewals.expires": "Expires",
    "renewals.noWindows": "None",
    "renewals.window.item": "{count, plural, one {# seat until {when}} other {# seats until {when}}}",
    "renewals.noScheduled": "—",
    "renewals.open": "Open {name}",
  },
  "pt-PT": {
    "renewals.title": "Renovações",
    "renewals.intro":
      "O que renova ou expira em breve, por revendedor e cliente: reduza licenças enquanto as janelas estão abertas, antes de o período renovar. As subscrições mensais que renovam sem alterações não aparecem.",
    "renewals.window": "A terminar dentro de",
    "renewals.window.7": "7 dias",
    "renewals.window.30": "30 dias",
    "renewals.window.90": "90 dias",
    "renewals.empty": "Nada renova nem expira neste período.",
    "renewals.direct": "Sem revendedor (faturação direta)",
    "renewals.reseller": "Revendedor: {name}",
    "renewals.caption": "Subscrições de {customer} a terminar dentro de {days}",
    "renewals.col.offer": "Subscrição",
    "renewals.col.ends": "Fim do período",
    "renewals.col.seats": "Licenças",
    "renewals.col.autoRenew": "No fim do período",
    "renewals.col.windows": "Janelas de redução abertas",
    "renewals.col.scheduled": "Alteração agendada",
    "renewals.renews": "Renova",
    "renewals.expires": "Expira",
    "renewals.noWindows": "Nenhuma",
    "renewals.window.item": "{count, plural, one {# licença até {when}} other {# licenças até {when}}}",
    "renewals.noScheduled": "—",
    "renewals.open": "Abrir {name}",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof renewalMessages> {}
}
