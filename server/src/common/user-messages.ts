import type { Locale } from "./locale";

// Every user-facing message of the mutations (and of the input checks) that is not an eligibility rule's message
// (those are in modules/eligibility/messages.ts, by rule id). English and European Portuguese (pt-PT: subscrição,
// fornecedor, utilizador, inquilino, registo). `{name}` is a placeholder filled in by userMessage; both languages
// use the same placeholders. Messages about an input field read after the field's name ("is required").

interface Texts {
  readonly en: string;
  readonly "pt-PT": string;
}

export const userMessages = {
  // Input checks (common/validate.ts).
  TEXT_LENGTH: { en: "must be {min}–{max} characters", "pt-PT": "deve ter entre {min} e {max} caracteres" },
  TEXT_TOO_LONG: { en: "must be at most {max} characters", "pt-PT": "deve ter no máximo {max} caracteres" },
  TEXT_CHARACTERS: {
    en: "must not contain control characters, unpaired surrogates or bidirectional overrides",
    "pt-PT": "não pode conter caracteres de controlo, substitutos isolados nem controlos de direção do texto",
  },
  ID_INVALID: { en: "is not a valid id", "pt-PT": "não é um ID válido" },
  DATE_RANGE: { en: "must be a date from {from} to {to}", "pt-PT": "deve ser uma data entre {from} e {to}" },
  WHOLE_NUMBER_RANGE: {
    en: "must be a whole number from {min} to {max}",
    "pt-PT": "deve ser um número inteiro entre {min} e {max}",
  },
  COUNTRY_CODE: {
    en: "must be an ISO 3166-1 alpha-2 code such as US",
    "pt-PT": "deve ser um código ISO 3166-1 alfa-2, como PT",
  },
  REQUIRED: { en: "is required", "pt-PT": "é obrigatório" },
  DATE_FORMAT: { en: "must be a date YYYY-MM-DD", "pt-PT": "deve ser uma data no formato AAAA-MM-DD" },
  DOMAIN_NAME: {
    en: "must be a domain name such as contoso.onmicrosoft.com",
    "pt-PT": "deve ser um nome de domínio, como contoso.onmicrosoft.com",
  },
  NOT_BEFORE_FIELD: { en: "must not be before {field}", "pt-PT": "não pode ser anterior a {field}" },
  REQUIRED_FOR_ACTION: { en: "is required for {action}", "pt-PT": "é obrigatório para {action}" },
  ONLY_FOR_ACTION: { en: "is only used for {action}", "pt-PT": "só se utiliza em {action}" },
  REQUIRED_FOR_LICENSE_BASED: {
    en: "is required for license-based offers",
    "pt-PT": "é obrigatório para ofertas baseadas em licenças",
  },
  QUANTITY_ONE_FOR_USAGE_BASED: {
    en: "must be 1 for usage-based offers",
    "pt-PT": "deve ser 1 para ofertas baseadas na utilização",
  },
  AZURE_PLAN_IS_USAGE_BASED: {
    en: "the Azure plan is a usage-based offer",
    "pt-PT": "o plano do Azure é uma oferta baseada na utilização",
  },
  NOT_USED_FOR_ORDER: {
    en: "is not used for ORDER: it names an offer",
    "pt-PT": "não se utiliza em ORDER: uma encomenda indica uma oferta",
  },
  ONLY_USED_FOR_ORDER: { en: "is only used for ORDER", "pt-PT": "só se utiliza em ORDER" },
  NUMERIC_PARTNER_ID: { en: "must be a numeric Partner ID", "pt-PT": "deve ser um ID de parceiro numérico" },
  OWN_COUNTRY: {
    en: "must be your own country ({country}): relationships are limited to your region",
    "pt-PT": "tem de ser o país da sua organização ({country}): as relações estão limitadas à sua região",
  },
  USER_OF_DOMAIN: { en: "must be a user of {domain}", "pt-PT": "tem de ser um utilizador de {domain}" },
  TRANSFER_LINE_COUNT: {
    en: "must list 1–{max} subscription ids",
    "pt-PT": "deve indicar entre 1 e {max} IDs de subscrições",
  },

  // Not found in the viewer's network.
  CUSTOMER_NOT_FOUND: { en: "No such customer in your network", "pt-PT": "Este cliente não existe na sua rede" },
  RESELLER_NOT_FOUND: { en: "No indirect reseller has this id", "pt-PT": "Nenhum revendedor indireto tem este ID" },
  RESELLER_PARTNER_ID_NOT_FOUND: {
    en: "No indirect reseller has this Partner ID",
    "pt-PT": "Nenhum revendedor indireto tem este ID de parceiro",
  },
  PARTNERSHIP_NOT_FOUND: {
    en: "No such partnership in your network",
    "pt-PT": "Esta parceria não existe na sua rede",
  },
  SUBSCRIPTION_NOT_FOUND: {
    en: "No such subscription in your network",
    "pt-PT": "Esta subscrição não existe na sua rede",
  },
  CUSTOMER_SUBSCRIPTION_NOT_FOUND: {
    en: "No such subscription of this customer",
    "pt-PT": "Este cliente não tem esta subscrição",
  },
  CUSTOMER_SUBSCRIPTION_NOT_IN_NETWORK: {
    en: "No such subscription of this customer in your network",
    "pt-PT": "Este cliente não tem esta subscrição na sua rede",
  },
  TRANSFER_NOT_FOUND: { en: "No such transfer in your network", "pt-PT": "Esta transferência não existe na sua rede" },
  PROVIDER_REQUEST_NOT_FOUND: {
    en: "No such provider request in your network",
    "pt-PT": "Este pedido ao fornecedor não existe na sua rede",
  },
  ACCEPTANCE_LINK_INVALID: {
    en: "This link is not valid for your organisation, has expired or was already used",
    "pt-PT": "Esta ligação não é válida para a sua organização, expirou ou já foi utilizada",
  },
  CUSTOMER_ADMIN_SIGN_IN_REQUIRED: {
    en: "Sign in as a global admin of the customer's tenant to accept",
    "pt-PT": "Inicie sessão como administrador global do inquilino do cliente para aceitar",
  },
  CUSTOMER_ADMIN_NOT_GLOBAL_ADMIN: {
    en: "Only a global admin of the customer's tenant can accept",
    "pt-PT": "Só um administrador global do inquilino do cliente pode aceitar",
  },

  // Customers and relationships.
  RESELLER_CANNOT_CREATE_CUSTOMER: {
    en: "Indirect resellers cannot create customer tenants: ask your indirect provider to create it and name you as reseller.",
    "pt-PT":
      "Os revendedores indiretos não podem criar inquilinos de clientes: peça ao seu fornecedor indireto que o crie e que indique a sua organização como revendedor.",
  },
  MCA_DATE_IN_FUTURE: {
    en: "must be today or earlier",
    "pt-PT": "deve ser hoje ou uma data anterior",
  },
  MCA_NEEDS_RELATIONSHIP: {
    en: "Only a partner with an active relationship with the customer can record its acceptance of the Microsoft Customer Agreement",
    "pt-PT":
      "Só um parceiro com uma relação ativa com o cliente pode registar a aceitação do Contrato de Cliente Microsoft",
  },
  MCA_ALREADY_RECORDED: {
    en: "This acceptance of the Microsoft Customer Agreement is already recorded",
    "pt-PT": "Esta aceitação do Contrato de Cliente Microsoft já está registada",
  },
  CUSTOMER_DOMAIN_EXISTS: {
    en: "This domain is not available: if the organisation already has a tenant, request a relationship with it instead",
    "pt-PT":
      "Este domínio não está disponível: se a organização já tem um inquilino, peça-lhe uma relação de revendedor",
  },
  ONLY_CSP_PARTNERS_REQUEST_RELATIONSHIPS: {
    en: "Only CSP partners can request reseller relationships",
    "pt-PT": "Só os parceiros CSP podem pedir relações de revendedor",
  },
  RELATIONSHIP_ALREADY_ACTIVE: { en: "The relationship is already active", "pt-PT": "A relação já está ativa" },
  RELATIONSHIP_CHANGED: {
    en: "The relationship changed meanwhile; reload",
    "pt-PT": "A relação foi alterada entretanto; recarregue",
  },
  PROVIDER_NEEDED_TO_INVITE: {
    en: "You need an active partnership with an indirect provider to invite customers",
    "pt-PT": "Precisa de uma parceria ativa com um fornecedor indireto para convidar clientes",
  },
  CHOOSE_PROVIDER: {
    en: "You work with several providers: choose the one to include",
    "pt-PT": "Trabalha com vários fornecedores: escolha o que pretende incluir",
  },

  // Partner facts that only channelgate records (recordPartnerFacts).
  PARTNER_NOT_FOUND: {
    en: "No such partner: only your own partner or one of your active resellers",
    "pt-PT": "Este parceiro não existe: apenas o seu próprio parceiro ou um dos seus revendedores ativos",
  },
  PARTNER_FACTS_NONE: {
    en: "Give at least one fact: programStatus, mpaSigned or advisorOnly",
    "pt-PT": "Indique pelo menos um facto: programStatus, mpaSigned ou advisorOnly",
  },
  PARTNER_FACT_ONLY_ITSELF: {
    en: "Only the partner itself records this fact; a provider records its reseller's program status only",
    "pt-PT":
      "Só o próprio parceiro regista este facto; um fornecedor regista apenas o estado no programa do seu revendedor",
  },
  PARTNER_TRANSACTS_IN_CSP: {
    en: "Partner Center lists this partner's indirect providers or resellers: it transacts in CSP, so it is not advisor-only",
    "pt-PT":
      "O Partner Center lista fornecedores ou revendedores indiretos deste parceiro: transaciona no CSP, por isso não é apenas consultor",
  },

  // Reseller partnerships.
  ONLY_PROVIDER_INVITES: {
    en: "Only an indirect provider can invite resellers",
    "pt-PT": "Só um fornecedor indireto pode convidar revendedores",
  },
  RESELLER_ALREADY_INVITED: {
    en: "Already invited: the invitation is waiting for the reseller",
    "pt-PT": "Já foi convidado: o convite aguarda a resposta do revendedor",
  },
  RESELLER_ALREADY_ACTIVE: {
    en: "Already active: the partnership with this reseller is in place",
    "pt-PT": "Já está ativa: a parceria com este revendedor já existe",
  },
  ONLY_INVITED_RESELLER_ACCEPTS: {
    en: "Only the invited reseller can accept",
    "pt-PT": "Só o revendedor convidado pode aceitar",
  },
  PARTNERSHIP_NOT_INVITED: {
    en: "The partnership is {status}, not INVITED",
    "pt-PT": "O estado da parceria é {status}, e não INVITED",
  },
  PARTNERSHIP_ALREADY_ENDED: { en: "The partnership has already ended", "pt-PT": "A parceria já terminou" },
  PARTNERSHIP_CHANGED: {
    en: "The partnership changed meanwhile; reload",
    "pt-PT": "A parceria foi alterada entretanto; recarregue",
  },

  // Subscriptions.
  CSP_IS_ORDERED_NOT_REGISTERED: {
    en: "CSP subscriptions are ordered with orderSubscription, not registered",
    "pt-PT": "As subscrições CSP são encomendadas com orderSubscription, e não registadas",
  },
  DELETED_CANNOT_BE_REGISTERED: {
    en: "a deleted subscription cannot be registered",
    "pt-PT": "não é possível registar uma subscrição eliminada",
  },
  ADDON_BASE_INVALID: {
    en: "The base must be an active subscription you bill, of the same customer",
    "pt-PT": "A base tem de ser uma subscrição ativa do mesmo cliente, faturada pela sua organização",
  },
  SUBSCRIPTION_CHANGED: {
    en: "The subscription was changed by someone else; reload and try again",
    "pt-PT": "A subscrição foi alterada por outra pessoa; recarregue e tente novamente",
  },
  RULE_BOOK_V2_ONLY: {
    en: "Seat changes, auto-renew and scheduled changes exist only under rule book V2 (this server runs V1)",
    "pt-PT":
      "Alterações de licenças, renovação automática e alterações agendadas só existem no livro de regras V2 (este servidor usa o V1)",
  },
  NO_SCHEDULED_CHANGE: {
    en: "This subscription has no change saved for its renewal",
    "pt-PT": "Esta subscrição não tem nenhuma alteração guardada para a renovação",
  },
  CHANGE_NEEDS_A_FIELD: {
    en: "needs at least one of quantity, term or billing plan",
    "pt-PT": "precisa de pelo menos um dos seguintes: quantidade, prazo ou plano de faturação",
  },

  // Transfers.
  /** A rule's reason about one subscription of a transfer, named by its offer. */
  SUBSCRIPTION_REASON: { en: "{offer}: {reason}", "pt-PT": "{offer}: {reason}" },
  TRANSFER_ONE_SOURCE: {
    en: "A transfer takes subscriptions from one source partner; split it",
    "pt-PT": "Uma transferência só inclui subscrições de um único parceiro de origem; divida-a",
  },
  TRANSFER_NO_LONGER_BILLED_BY_YOU: {
    en: "Some subscriptions are no longer billed by you",
    "pt-PT": "Algumas subscrições já não são faturadas pela sua organização",
  },
  ONLY_SOURCE_PARTNER: {
    en: "Only the source partner can do this",
    "pt-PT": "Só o parceiro de origem pode fazer isto",
  },
  ONLY_TARGET_PARTNER: {
    en: "Only the target partner can do this",
    "pt-PT": "Só o parceiro de destino pode fazer isto",
  },
  TRANSFER_EXPIRED: {
    en: "The request expired after 30 days; the target must create a new one",
    "pt-PT": "O pedido expirou ao fim de 30 dias; o parceiro de destino tem de criar um novo",
  },
  TRANSFER_NOT_PENDING: {
    en: "The transfer is {status}, not PENDING",
    "pt-PT": "O estado da transferência é {status}, e não PENDING",
  },
  TRANSFER_CHANGED: {
    en: "The transfer changed meanwhile; reload",
    "pt-PT": "A transferência foi alterada entretanto; recarregue",
  },

  // Provider requests.
  ONLY_RESELLERS_SEND_REQUESTS: {
    en: "Only an indirect reseller sends requests to a provider; your organization orders, transfers and changes subscriptions itself",
    "pt-PT":
      "Só um revendedor indireto envia pedidos a um fornecedor; a sua organização encomenda, transfere e altera subscrições diretamente",
  },
  PROVIDER_PARTNERSHIP_REQUIRED: {
    en: "Your organization has no active partnership with this indirect provider. Accept its invitation (or ask it to invite you) before sending it requests.",
    "pt-PT":
      "A sua organização não tem uma parceria ativa com este fornecedor indireto. Aceite o convite do fornecedor (ou peça-lhe que a convide) antes de lhe enviar pedidos.",
  },
  NOT_RESELLER_OF_RECORD: {
    en: "This subscription is not credited to your organization (reseller of record): you cannot ask for changes to it",
    "pt-PT":
      "Esta subscrição não está creditada à sua organização (revendedor de registo): não pode pedir alterações à mesma",
  },
  PROVIDER_REQUEST_ALREADY_OPEN: {
    en: "You already have an OPEN {action} request for this subscription with this provider",
    "pt-PT": "Já tem um pedido {action} em aberto (OPEN) para esta subscrição junto deste fornecedor",
  },
  ONLY_REQUEST_PROVIDER: {
    en: "Only the request's provider can do this",
    "pt-PT": "Só o fornecedor do pedido pode fazer isto",
  },
  ONLY_REQUEST_RESELLER: {
    en: "Only the request's reseller can do this",
    "pt-PT": "Só o revendedor do pedido pode fazer isto",
  },
  PROVIDER_REQUEST_NOT_OPEN: {
    en: "The request is {status}, not OPEN",
    "pt-PT": "O estado do pedido é {status}, e não OPEN",
  },
  PROVIDER_REQUEST_CHANGED: {
    en: "The request changed meanwhile; reload",
    "pt-PT": "O pedido foi alterado entretanto; recarregue",
  },
  // Users (modules/user).
  EMAIL_FORMAT: { en: "must be an email address", "pt-PT": "deve ser um endereço de email" },
  USER_NOT_FOUND: {
    en: "No such user in your organization",
    "pt-PT": "Este utilizador não existe na sua organização",
  },
  USER_EMAIL_IN_USE: {
    en: "is already used by another user",
    "pt-PT": "já é utilizado por outro utilizador",
  },
  ONLY_GLOBAL_ADMIN_MANAGES_GLOBAL_ADMINS: {
    en: "Only a global admin can grant the global admin role or change a global admin",
    "pt-PT":
      "Só um administrador global pode atribuir a função de administrador global ou alterar um administrador global",
  },
  CANNOT_DEACTIVATE_SELF: {
    en: "You cannot deactivate yourself; ask another admin",
    "pt-PT": "Não se pode desativar a si próprio; peça a outro administrador",
  },
  LAST_GLOBAL_ADMIN: {
    en: "This is the organization's last active global admin; make another user global admin first",
    "pt-PT":
      "Este é o último administrador global ativo da organização; torne primeiro outro utilizador administrador global",
  },
  USER_DEACTIVATED: {
    en: "The user is deactivated",
    "pt-PT": "O utilizador está desativado",
  },
  USER_CHANGED: {
    en: "The user changed meanwhile; reload",
    "pt-PT": "O utilizador foi alterado entretanto; recarregue",
  },

  // API tokens (modules/api-token).
  API_TOKEN_SCOPES: {
    en: "must name READ, WRITE or both, once each",
    "pt-PT": "deve indicar READ, WRITE ou ambos, uma vez cada",
  },
  API_TOKEN_EXPIRY: {
    en: "must be in the future and at most {days} days away",
    "pt-PT": "deve ser no futuro e no máximo daqui a {days} dias",
  },
  API_TOKEN_NOT_FOUND: {
    en: "No such API token in your organization",
    "pt-PT": "Este token de API não existe na sua organização",
  },
  API_TOKEN_ALREADY_REVOKED: {
    en: "The API token is already revoked",
    "pt-PT": "O token de API já está revogado",
  },
  // Outbound webhooks (modules/webhook).
  WEBHOOK_URL_INVALID: {
    en: "must be an http(s) URL without user name, password or #fragment",
    "pt-PT": "deve ser um URL http(s) sem nome de utilizador, palavra-passe nem #fragmento",
  },
  WEBHOOK_URL_HTTPS: { en: "must be an https:// URL", "pt-PT": "deve ser um URL https://" },
  WEBHOOK_URL_PRIVATE: {
    en: "must not point to a private, loopback or link-local address",
    "pt-PT": "não pode apontar para um endereço privado, de loopback ou de ligação local",
  },
  WEBHOOK_EVENT_TYPES: {
    en: "must name each event type at most once (none: every type)",
    "pt-PT": "deve indicar cada tipo de evento no máximo uma vez (nenhum: todos os tipos)",
  },
  WEBHOOK_LIMIT: {
    en: "Your organization already has {max} webhook endpoints; delete one first",
    "pt-PT": "A sua organização já tem {max} endpoints de webhook; elimine um primeiro",
  },
  WEBHOOK_NOT_FOUND: {
    en: "No such webhook endpoint in your organization",
    "pt-PT": "Este endpoint de webhook não existe na sua organização",
  },
  WEBHOOK_DELIVERY_NOT_FOUND: {
    en: "No such webhook delivery in your organization",
    "pt-PT": "Esta entrega de webhook não existe na sua organização",
  },
  WEBHOOK_ENDPOINT_OFF: {
    en: "The endpoint is turned off; turn it on before replaying",
    "pt-PT": "O endpoint está desligado; ligue-o antes de reenviar",
  },
  // Saved list views (modules/saved-view).
  SAVED_VIEW_NOT_FOUND: { en: "No such saved view of yours", "pt-PT": "Não tem nenhuma vista guardada com este ID" },
  SAVED_VIEW_NAME_TAKEN: {
    en: "You already have a view of this list with this name",
    "pt-PT": "Já tem uma vista desta lista com este nome",
  },
  SAVED_VIEW_LIMIT: {
    en: "You can keep at most {max} views of one list: delete one first",
    "pt-PT": "Pode guardar no máximo {max} vistas de uma lista: elimine uma primeiro",
  },
  SAVED_VIEW_FILTER: {
    en: "must be the list's filter as a URL query (name=value pairs, no paging or sort, at most 2000 characters)",
    "pt-PT":
      "deve ser o filtro da lista como consulta de URL (pares nome=valor, sem página nem ordem, até 2000 caracteres)",
  },
  SAVED_VIEW_SORT: {
    en: "must be FIELD:ASC or FIELD:DESC with a column this list sorts on",
    "pt-PT": "deve ser CAMPO:ASC ou CAMPO:DESC com uma coluna pela qual esta lista ordena",
  },

  // Partner Center sync (modules/sync).
  SYNC_NOTHING_UPSTREAM: {
    en: "There is nothing to sync: this deployment runs the sandbox (UPSTREAM=sandbox), whose database is the truth",
    "pt-PT":
      "Não há nada a sincronizar: esta instalação corre o sandbox (UPSTREAM=sandbox), cuja base de dados é a verdade",
  },
  SYNC_ALREADY_RUNNING: {
    en: "A Partner Center sync is already running; wait for it to finish",
    "pt-PT": "Já está em curso uma sincronização com o Partner Center; aguarde que termine",
  },
  SYNC_NOTHING_TO_RESUME: {
    en: "can only be set when the last full sync failed with a resume point",
    "pt-PT": "só pode ser indicado quando a última sincronização completa falhou com um ponto de retoma",
  },
  SYNC_RUN_NOT_FOUND: { en: "No such sync run", "pt-PT": "Esta sincronização não existe" },
  SYNC_HOME_PARTNER_ONLY: {
    en: "Only the home partner's users (the Partner Center account this deployment syncs) manage its sync",
    "pt-PT":
      "Só os utilizadores do parceiro principal (a conta do Partner Center que esta instalação sincroniza) gerem a sincronização",
  },

  // Roles (FORBIDDEN errors).
  API_TOKEN_READ_ONLY: {
    en: "This API token has the READ scope only: it cannot call mutations",
    "pt-PT": "Este token de API só tem o âmbito READ: não pode chamar mutações",
  },
  API_TOKEN_CANNOT_MANAGE_ACCESS: {
    en: "API tokens cannot manage users or API tokens; sign in as a user",
    "pt-PT": "Os tokens de API não podem gerir utilizadores nem tokens de API; inicie sessão como utilizador",
  },
  ROLE_FORBIDDEN: {
    en: "Your role ({role}) cannot do this; it needs one of: {roles}",
    "pt-PT": "A sua função ({role}) não permite fazer isto; é necessária uma das seguintes: {roles}",
  },
  OPERATION_NOT_IN_MATRIX: {
    en: "{coordinate} has no entry in the permission matrix, so nobody may call it yet",
    "pt-PT": "{coordinate} não tem entrada na matriz de permissões, por isso ninguém a pode chamar ainda",
  },
  ROLE_FORBIDDEN_FOR_ACTION: {
    en: "Your role ({role}) cannot do this for {action}; it needs one of: {roles}",
    "pt-PT": "A sua função ({role}) não permite fazer isto para {action}; é necessária uma das seguintes: {roles}",
  },
  PARTNER_CENTER_OTHER_PARTNER: {
    en: "This deployment acts in Partner Center for another partner; {partner} cannot change Partner Center records through it",
    "pt-PT":
      "Esta instalação age no Partner Center por outro parceiro; {partner} não pode alterar registos do Partner Center através dela",
  },
} as const satisfies Record<string, Texts>;

export type UserMessageKey = keyof typeof userMessages;

/** The `{name}` placeholders of a template, as a union of names (never when there are none). */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a message needs: none, or one for each of its placeholders. */
export type MessageParams<K extends UserMessageKey> = [Placeholders<(typeof userMessages)[K]["en"]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof userMessages)[K]["en"]>, string | number>];

/** The names of the `{name}` placeholders in a template, sorted. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** A catalogue message in the locale (English for one it does not know), with its placeholders filled in. */
export function userMessage<K extends UserMessageKey>(locale: Locale, key: K, ...params: MessageParams<K>): string {
  if (!Object.hasOwn(userMessages, key)) return String(key);
  const texts: Texts = userMessages[key];
  const template = Object.hasOwn(texts, locale) ? texts[locale] : texts.en;
  const values: Record<string, string | number> = params[0] ?? {};
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** userMessage bound to one request's locale: `t("CUSTOMER_NOT_FOUND")`. */
export type Translate = <K extends UserMessageKey>(key: K, ...params: MessageParams<K>) => string;

export function translator(locale: Locale): Translate {
  return (key, ...params) => userMessage(locale, key, ...params);
}
