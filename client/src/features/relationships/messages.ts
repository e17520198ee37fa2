import { defineMessages, type KeysOf } from "../../lib/i18n";
import "../shell/shell-messages";

/** Strings of the public acceptance page (the customer's global admin reads it, not a partner). */
export const relationshipMessages = defineMessages({
  en: {
    "accept.title": "Accept a partner relationship",
    "accept.signIn.title": "Sign in to your organisation",
    "accept.signIn.text":
      "Only a global administrator of the organisation the link is for can see what it asks and accept it. Sign in first.",
    "accept.signIn.sandbox":
      "Sandbox: this is a simulated sign-in of your organisation's global administrator (in production, your Microsoft sign-in).",
    "accept.signIn.submit": "Sign in",
    "accept.signIn.microsoft": "Sign in with your organisation's Microsoft account",
    "accept.signIn.signingIn": "Signing in…",
    "accept.signIn.failed": "This sign-in was refused: no organisation with this domain can sign in here.",
    "accept.signedInAs": "Signed in as {upn}.",
    "accept.request.expiresAt": "Link expires",
    "accept.language": "Language",
    "accept.intro":
      "A Microsoft Cloud Solution Provider (CSP) partner asked to become your organisation's partner. As your organisation's global administrator, you can accept here.",
    "accept.missingToken":
      "This link has no acceptance code. Open the full link you received, or paste the code below.",
    "accept.means.title": "What accepting means",
    "accept.means.reseller": "Reseller relationship.",
    "accept.means.resellerText":
      "The partner (and, for a two-tier request, its indirect provider) can sell you Microsoft cloud subscriptions through CSP and support the ones you already have.",
    "accept.means.dap": "Delegated administration, if requested.",
    "accept.means.dapText":
      "The partner's admin agents get administrator rights in your tenant (granular delegated admin privileges, GDAP) so they can manage it for you.",
    "accept.means.mca": "Microsoft Customer Agreement.",
    "accept.means.mcaText": "Accepting also accepts the Microsoft Customer Agreement on behalf of your organisation.",
    "accept.means.later":
      "You can end a relationship or remove delegated rights later in the Microsoft 365 admin center.",
    "accept.form.title": "Accept",
    "accept.token": "Acceptance code",
    "accept.tokenHint": "The part after “token=” in the link.",
    "accept.upn": "Your user name (global administrator)",
    "accept.upnHint": "A user of your organisation's domain, e.g. admin@fabrikam.onmicrosoft.com",
    "accept.request.title": "What this link asks",
    "accept.request.customer": "Your organisation",
    "accept.request.partner": "Partner",
    "accept.request.partners": "Partners (two-tier: accepting makes both your partners)",
    "accept.request.dap": "Delegated administration (GDAP)",
    "accept.request.dapYes": "Requested: the partners' admin agents would manage your tenant",
    "accept.request.dapNo": "Not requested",
    "accept.request.requestedAt": "Link issued",
    "accept.unknown.title": "This link cannot be used",
    "accept.unknown.text":
      "It is unknown, it has expired (links work for 7 days), it was already used to accept, or it is not for the organisation you signed in to. If you have not accepted yet, ask the partner who sent it for a new link; if you have, there is nothing more to do.",
    "accept.consent":
      "I am a global administrator of this organisation and accept the relationship and the Microsoft Customer Agreement on its behalf",
    "accept.submit": "Accept the relationship",
    "accept.accepting": "Accepting…",
    "accept.noToken": "The acceptance code is missing.",
    "accept.upnRequired": "Enter your user name.",
    "accept.consentRequired": "Confirm that you accept on your organisation's behalf.",
    "accept.done.title": "Relationship accepted",
    "accept.done.text": "{customer} now works with:",
    "accept.done.next": "Your partner has been told and can now serve you. You can close this page.",
  },
  "pt-PT": {
    "accept.title": "Aceitar uma relação com um parceiro",
    "accept.signIn.title": "Inicie sessão na sua organização",
    "accept.signIn.text":
      "Só um administrador global da organização a que a ligação se destina pode ver o que ela pede e aceitá-la. Inicie sessão primeiro.",
    "accept.signIn.sandbox":
      "Ambiente de demonstração: este é um início de sessão simulado do administrador global da sua organização (em produção, o seu início de sessão Microsoft).",
    "accept.signIn.submit": "Iniciar sessão",
    "accept.signIn.microsoft": "Iniciar sessão com a conta Microsoft da sua organização",
    "accept.signIn.signingIn": "A iniciar sessão…",
    "accept.signIn.failed":
      "Este início de sessão foi recusado: nenhuma organização com este domínio pode iniciar sessão aqui.",
    "accept.signedInAs": "Sessão iniciada como {upn}.",
    "accept.request.expiresAt": "A ligação expira",
    "accept.language": "Idioma",
    "accept.intro":
      "Um parceiro do programa Cloud Solution Provider (CSP) da Microsoft pediu para ser parceiro da sua organização. Como administrador global da organização, pode aceitar aqui.",
    "accept.missingToken":
      "Esta ligação não tem código de aceitação. Abra a ligação completa que recebeu ou cole o código abaixo.",
    "accept.means.title": "O que significa aceitar",
    "accept.means.reseller": "Relação de revenda.",
    "accept.means.resellerText":
      "O parceiro (e, num pedido de dois níveis, o seu fornecedor indireto) pode vender-lhe subscrições de cloud da Microsoft através do CSP e dar suporte às que já tem.",
    "accept.means.dap": "Administração delegada, se pedida.",
    "accept.means.dapText":
      "Os agentes de administração do parceiro recebem direitos de administrador no seu inquilino (privilégios granulares de administrador delegado, GDAP) para o gerirem por si.",
    "accept.means.mca": "Contrato de Cliente Microsoft.",
    "accept.means.mcaText": "Ao aceitar, aceita também o Contrato de Cliente Microsoft em nome da sua organização.",
    "accept.means.later":
      "Pode terminar uma relação ou remover os direitos delegados mais tarde no centro de administração do Microsoft 365.",
    "accept.form.title": "Aceitar",
    "accept.token": "Código de aceitação",
    "accept.tokenHint": "A parte depois de «token=» na ligação.",
    "accept.upn": "O seu nome de utilizador (administrador global)",
    "accept.upnHint": "Um utilizador do domínio da sua organização, p. ex. admin@fabrikam.onmicrosoft.com",
    "accept.request.title": "O que esta ligação pede",
    "accept.request.customer": "A sua organização",
    "accept.request.partner": "Parceiro",
    "accept.request.partners": "Parceiros (dois níveis: ao aceitar, ambos passam a ser seus parceiros)",
    "accept.request.dap": "Administração delegada (GDAP)",
    "accept.request.dapYes": "Pedida: os agentes de administração dos parceiros passariam a gerir o seu inquilino",
    "accept.request.dapNo": "Não pedida",
    "accept.request.requestedAt": "Ligação emitida",
    "accept.unknown.title": "Esta ligação não pode ser usada",
    "accept.unknown.text":
      "É desconhecida, expirou (as ligações valem 7 dias), já foi usada para aceitar ou não se destina à organização em que iniciou sessão. Se ainda não aceitou, peça uma nova ligação ao parceiro que a enviou; se já aceitou, não precisa de fazer mais nada.",
    "accept.consent":
      "Sou administrador global desta organização e aceito a relação e o Contrato de Cliente Microsoft em seu nome",
    "accept.submit": "Aceitar a relação",
    "accept.accepting": "A aceitar…",
    "accept.noToken": "Falta o código de aceitação.",
    "accept.upnRequired": "Introduza o seu nome de utilizador.",
    "accept.consentRequired": "Confirme que aceita em nome da sua organização.",
    "accept.done.title": "Relação aceite",
    "accept.done.text": "{customer} trabalha agora com:",
    "accept.done.next": "O seu parceiro foi informado e já pode servi-lo. Pode fechar esta página.",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof relationshipMessages> {}
}
