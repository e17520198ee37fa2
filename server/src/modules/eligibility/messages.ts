// Human messages for the eligibility reasons, by rule id (RULES.md: no reason code leaks without its rule id and a
// message). Each says what is wrong and what the partner user can do about it. Portuguese is European (pt-PT).

import type { Locale } from "../../common/locale";

export type { Locale };

export const ruleMessages: Record<string, { en: string; "pt-PT": string }> = {
  R1: {
    en: "Your organization has no active reseller relationship with this customer (so there is none to remove either). To manage, order for or support its subscriptions, send the customer a reseller relationship request and have a Global admin of the customer accept it.",
    "pt-PT":
      "A sua organização não tem uma relação de revendedor ativa com este cliente (pelo que também não há nenhuma a remover). Para gerir, encomendar ou prestar suporte às subscrições do cliente, envie-lhe um pedido de relação de revendedor e peça a um Administrador global do cliente que o aceite.",
  },
  R3: {
    en: "The customer has not accepted the Microsoft Customer Agreement (MCA). Record the customer's acceptance, by partner attestation or in the Microsoft 365 admin center, before placing the order.",
    "pt-PT":
      "O cliente não aceitou o Contrato de Cliente Microsoft (MCA). Registe a aceitação do cliente, por atestação do parceiro ou no centro de administração do Microsoft 365, antes de efetuar a encomenda.",
  },
  R4: {
    en: "Your organization and this customer are in different countries or CSP regions. Only a partner in the customer's own country or region can do this.",
    "pt-PT":
      "A sua organização e este cliente estão em países ou regiões CSP diferentes. Só um parceiro do país ou da região do cliente pode realizar esta operação.",
  },
  R6: {
    en: "This customer still has active subscriptions that your organization transacts or that name it as reseller of record (suspended new-commerce subscriptions count, as they are still billed). Suspend the legacy ones and cancel the new-commerce ones before removing the relationship.",
    "pt-PT":
      "Este cliente ainda tem subscrições ativas transacionadas pela sua organização ou que a indicam como revendedor de registo (as subscrições de novo comércio suspensas contam, pois continuam a ser faturadas). Suspenda as subscrições legadas e cancele as de novo comércio antes de remover a relação.",
  },
  R6a: {
    en: "An indirect reseller cannot remove a customer relationship. Ask your indirect provider to remove it.",
    "pt-PT":
      "Um revendedor indireto não pode remover a relação com um cliente. Peça ao seu fornecedor indireto que a remova.",
  },
  R7: {
    en: "This subscription was not bought through CSP (for example directly from Microsoft, or through EA, Open or an Advisor), so it cannot be transferred. Provision a new CSP subscription for the customer instead, then let the old one expire or cancel it.",
    "pt-PT":
      "Esta subscrição não foi adquirida através do CSP (por exemplo, diretamente à Microsoft ou através de EA, Open ou de um Consultor), pelo que não pode ser transferida. Aprovisione antes uma nova subscrição CSP para o cliente e depois deixe a antiga expirar ou cancele-a.",
  },
  R7a: {
    en: "This subscription comes from a channel other than CSP: you can manage and support it, but not take it over. To take it over, provision a new CSP subscription for the customer, then let the old one expire or cancel it.",
    "pt-PT":
      "Esta subscrição provém de um canal que não é o CSP: pode geri-la e prestar-lhe suporte, mas não assumir a sua titularidade. Para a assumir, aprovisione uma nova subscrição CSP para o cliente e depois deixe a antiga expirar ou cancele-a.",
  },
  R8: {
    en: "The customer already has Azure (usage-based) services from another channel; Azure in CSP can coexist with them. To move those workloads, re-create them in the new CSP subscription and then cancel the old services.",
    "pt-PT":
      "O cliente já tem serviços do Azure (baseados na utilização) adquiridos noutro canal; o Azure no CSP pode coexistir com eles. Para migrar essas cargas de trabalho, recrie-as na nova subscrição CSP e depois cancele os serviços antigos.",
  },
  R9: {
    en: "This customer is the CSP transaction tenant of a CSP partner, and a CSP partner cannot buy from another CSP partner with that tenant. Order for a separate, non-CSP tenant of that partner instead.",
    "pt-PT":
      "Este cliente é o inquilino de transações CSP de um parceiro CSP, e um parceiro CSP não pode comprar a outro parceiro CSP com esse inquilino. Em alternativa, encomende para um inquilino separado, não CSP, desse parceiro.",
  },
  R11: {
    en: "Under the 2018–2023 transfer policy, a license-based subscription cannot move to another CSP partner before its term ends. Wait until after its commitment end date, or have the customer cancel it and order a new subscription from you.",
    "pt-PT":
      "De acordo com a política de transferência de 2018–2023, uma subscrição baseada em licenças não pode passar para outro parceiro CSP antes do fim do prazo. Aguarde até depois da data de fim do compromisso ou peça ao cliente que a cancele e encomende uma nova subscrição à sua organização.",
  },
  R11b: {
    en: "This license-based subscription uses the legacy commerce model, which cannot be transferred between CSP partners; only new-commerce subscriptions can. Order a new-commerce subscription for the customer instead.",
    "pt-PT":
      "Esta subscrição baseada em licenças utiliza o modelo de comércio legado, que não pode ser transferido entre parceiros CSP; só as subscrições de novo comércio podem. Em alternativa, encomende uma subscrição de novo comércio para o cliente.",
  },
  R12: {
    en: "Only a partner with an active reseller relationship with the customer can request this transfer. Ask the customer to accept your reseller relationship request first.",
    "pt-PT":
      "Só um parceiro com uma relação de revendedor ativa com o cliente pode pedir esta transferência. Peça primeiro ao cliente que aceite o seu pedido de relação de revendedor.",
  },
  R13: {
    en: "Your organization already transacts this subscription, so there is nothing to transfer. Choose a subscription billed by another partner.",
    "pt-PT":
      "A sua organização já transaciona esta subscrição, pelo que não há nada a transferir. Escolha uma subscrição faturada por outro parceiro.",
  },
  R14: {
    en: "To take over an Azure (usage-based) subscription, your organization needs its own active Azure plan for this customer. Order an Azure plan for the customer, or reactivate yours, then request the transfer again.",
    "pt-PT":
      "Para assumir uma subscrição do Azure (baseada na utilização), a sua organização precisa de ter um plano do Azure próprio e ativo para este cliente. Encomende um plano do Azure para o cliente, ou reative o seu, e volte a pedir a transferência.",
  },
  R15: {
    en: "Only active subscriptions can be transferred, and this one is not active. Ask the current partner to reactivate it before you request the transfer.",
    "pt-PT":
      "Só é possível transferir subscrições ativas e esta não está ativa. Peça ao parceiro atual que a reative antes de pedir a transferência.",
  },
  R15c: {
    en: "Only active or suspended subscriptions can be cancelled, and this one is expired, disabled or deleted. It is no longer billed, so there is nothing to cancel.",
    "pt-PT":
      "Só é possível cancelar subscrições ativas ou suspensas, e esta está expirada, desativada ou eliminada. Já não é faturada, pelo que não há nada a cancelar.",
  },
  R15s: {
    en: "Only an active subscription can be suspended, and this one is not active. If it is already suspended nothing needs doing; otherwise there is nothing left to suspend.",
    "pt-PT":
      "Só é possível suspender uma subscrição ativa, e esta não está ativa. Se já estiver suspensa, não é necessária qualquer ação; caso contrário, já não há nada a suspender.",
  },
  R16: {
    en: "This subscription is already part of another pending transfer request. Wait until that request is accepted, rejected or withdrawn, or expires 30 days after it was created, then try again.",
    "pt-PT":
      "Esta subscrição já faz parte de outro pedido de transferência pendente. Aguarde até que esse pedido seja aceite, rejeitado ou retirado, ou expire 30 dias após a sua criação, e tente novamente.",
  },
  R17: {
    en: "This subscription is an add-on, and add-ons move with their base subscription. Transfer the base subscription instead; its add-ons go with it.",
    "pt-PT":
      "Esta subscrição é um suplemento, e os suplementos são transferidos com a respetiva subscrição base. Transfira antes a subscrição base; os suplementos acompanham-na.",
  },
  R19: {
    en: "As an indirect provider, your organization must name the indirect reseller that will be reseller of record for the transferred subscription. Select one of your indirect resellers and request the transfer again.",
    "pt-PT":
      "Enquanto fornecedor indireto, a sua organização tem de indicar o revendedor indireto que ficará como revendedor de registo da subscrição transferida. Selecione um dos seus revendedores indiretos e volte a pedir a transferência.",
  },
  R22: {
    en: "An indirect reseller cannot do this itself: orders, transfers and changes to subscriptions go through its indirect provider. Ask your indirect provider to do it on your behalf.",
    "pt-PT":
      "Um revendedor indireto não pode realizar esta operação diretamente: as encomendas, as transferências e as alterações às subscrições são feitas através do fornecedor indireto. Peça ao seu fornecedor indireto que a realize em seu nome.",
  },
  R23: {
    en: "Your organization has no active partnership with this indirect reseller. Invite the reseller and wait until it authorizes you as its indirect provider before ordering or transferring on its behalf.",
    "pt-PT":
      "A sua organização não tem uma parceria ativa com este revendedor indireto. Convide o revendedor e aguarde que autorize a sua organização como fornecedor indireto antes de encomendar ou transferir em seu nome.",
  },
  R24: {
    en: "This indirect reseller has not signed the Microsoft Partner Agreement (MPA). Ask the reseller to sign the MPA in Partner Center before you order or transfer on its behalf.",
    "pt-PT":
      "Este revendedor indireto não assinou o Contrato de Parceiro Microsoft (MPA). Peça ao revendedor que assine o MPA no Partner Center antes de encomendar ou transferir em seu nome.",
  },
  R25: {
    en: "This indirect reseller is in a different country or CSP region from your organization. Choose a reseller in your own region.",
    "pt-PT":
      "Este revendedor indireto está num país ou região CSP diferente da sua organização. Escolha um revendedor da sua região.",
  },
  R26: {
    en: "This indirect reseller is not in good standing in the CSP program (it is suspended or deauthorized). Choose another reseller, or ask this one to restore its CSP status first.",
    "pt-PT":
      "Este revendedor indireto não está em situação regular no programa CSP (está suspenso ou desautorizado). Escolha outro revendedor ou peça a este que regularize primeiro a sua situação no CSP.",
  },
  R27: {
    en: "This customer is the indirect reseller's own CSP tenant, and a reseller cannot be a customer of its own provider. Use another tenant of the reseller, or have it buy through another provider.",
    "pt-PT":
      "Este cliente é o próprio inquilino CSP do revendedor indireto, e um revendedor não pode ser cliente do seu fornecedor indireto. Utilize outro inquilino do revendedor ou peça-lhe que compre através de outro fornecedor.",
  },
  R30: {
    en: "New-commerce subscriptions can only be cancelled within 7 days of purchase or of the last renewal, and that window has closed. Turn off auto-renewal so that the subscription ends at the end of its term.",
    "pt-PT":
      "As subscrições de novo comércio só podem ser canceladas nos 7 dias seguintes à compra ou à última renovação, e esse prazo já terminou. Desative a renovação automática para que a subscrição termine no fim do prazo.",
  },
  R31: {
    en: "Only a suspended subscription can be reactivated, and only until its commitment end date; this one is not suspended or its term has ended. If it is already active nothing needs doing; otherwise order a new subscription for the customer.",
    "pt-PT":
      "Só é possível reativar uma subscrição suspensa, e apenas até à data de fim do compromisso; esta não está suspensa ou o prazo já terminou. Se já estiver ativa, não é necessária qualquer ação; caso contrário, encomende uma nova subscrição para o cliente.",
  },
  R35: {
    en: "Your organization's CSP program status is not active (it is suspended or deauthorized), so it cannot do this. Resolve the issue with Microsoft in Partner Center to restore an active status.",
    "pt-PT":
      "O estado da sua organização no programa CSP não está ativo (está suspenso ou desautorizado), pelo que não pode realizar esta operação. Resolva a situação com a Microsoft no Partner Center para repor o estado ativo.",
  },
  R36: {
    en: "This subscription has been deleted and can no longer be managed or supported. Order a new subscription if the customer still needs the service.",
    "pt-PT":
      "Esta subscrição foi eliminada e já não pode ser gerida nem receber suporte. Encomende uma nova subscrição se o cliente ainda precisar do serviço.",
  },
  R37: {
    en: "Only the partner that transacts (bills) this subscription can do this, and your organization is not that partner. Contact the transacting partner, or have the subscription transferred to you first.",
    "pt-PT":
      "Só o parceiro que transaciona (fatura) esta subscrição pode realizar esta operação, e a sua organização não é esse parceiro. Contacte o parceiro que a transaciona ou peça primeiro a transferência da subscrição para a sua organização.",
  },
  // Rule book V2
  R15m: {
    en: "Only an active subscription can change its seats, auto-renew or scheduled changes; this one is suspended, expired, disabled or deleted. Reactivate it first if it is suspended.",
    "pt-PT":
      "Só uma subscrição ativa pode alterar as licenças, a renovação automática ou as alterações agendadas; esta está suspensa, expirada, desativada ou eliminada. Se estiver suspensa, reative-a primeiro.",
  },
  R30p: {
    en: "An Azure plan can only be cancelled when no Azure subscription under it is active. Cancel or move the Azure subscriptions under the plan first.",
    "pt-PT":
      "Um plano do Azure só pode ser cancelado quando não tem nenhuma subscrição do Azure ativa. Cancele ou mova primeiro as subscrições do Azure do plano.",
  },
  R35d: {
    en: "Your organization's CSP authorization has been revoked (deauthorized), so it can no longer operate on customers' subscriptions. Contact Microsoft through Partner Center about your account.",
    "pt-PT":
      "A autorização CSP da sua organização foi revogada, pelo que já não pode operar sobre as subscrições dos clientes. Contacte a Microsoft através do Partner Center sobre a sua conta.",
  },
  R38: {
    en: "Your organization has not signed the Microsoft Partner Agreement, which every partner that transacts in CSP must sign. A global admin can accept it in Partner Center.",
    "pt-PT":
      "A sua organização não assinou o Microsoft Partner Agreement, que todos os parceiros que transacionam no CSP têm de assinar. Um administrador global pode aceitá-lo no Partner Center.",
  },
  R39: {
    en: "Your organization is not a direct-bill partner or an indirect provider, so it cannot buy or take over CSP subscriptions. Enroll in CSP, or work through a CSP partner.",
    "pt-PT":
      "A sua organização não é um parceiro de faturação direta nem um fornecedor indireto, pelo que não pode comprar nem receber subscrições CSP. Inscreva-se no CSP ou trabalhe através de um parceiro CSP.",
  },
  R40: {
    en: "A transfer request can hold at most 25 subscriptions, and this one would hold more. Create another transfer request for the remaining subscriptions.",
    "pt-PT":
      "Um pedido de transferência pode ter no máximo 25 subscrições, e este passaria a ter mais. Crie outro pedido de transferência para as restantes subscrições.",
  },
  R41: {
    en: "This transfer request is no longer pending (it was accepted, completed, rejected, withdrawn or has expired), so subscriptions can no longer be added to it. Create a new transfer request.",
    "pt-PT":
      "Este pedido de transferência já não está pendente (foi aceite, concluído, rejeitado, retirado ou expirou), pelo que já não lhe podem ser adicionadas subscrições. Crie um novo pedido de transferência.",
  },
  R42: {
    en: "The seat count of this product cannot be changed in Partner Center: only licence and software subscriptions have seats. For marketplace SaaS, follow the publisher's terms.",
    "pt-PT":
      "O número de licenças deste produto não pode ser alterado no Partner Center: só as subscrições de licenças e de software têm licenças. Para SaaS do marketplace, siga os termos do editor.",
  },
  R43: {
    en: "The requested quantity is outside what the offer allows: at least 1 seat, and no more than the offer's maximum. To remove every seat, cancel the subscription instead.",
    "pt-PT":
      "A quantidade pedida está fora do que a oferta permite: pelo menos 1 licença e não mais do que o máximo da oferta. Para remover todas as licenças, cancele a subscrição.",
  },
  R44: {
    en: "New-commerce seats can only be removed within 168 hours (7 days) of being added, and the seats this reduction needs are outside their window. Remove fewer seats, or schedule the lower quantity for the next renewal.",
    "pt-PT":
      "As licenças de novo comércio só podem ser removidas nas 168 horas (7 dias) seguintes à sua adição, e as licenças de que esta redução precisa já estão fora desse prazo. Remova menos licenças ou agende a quantidade menor para a próxima renovação.",
  },
  R45: {
    en: "This change takes effect now and deletes the change scheduled for the next renewal. Schedule it again afterwards if it is still wanted.",
    "pt-PT":
      "Esta alteração tem efeito imediato e elimina a alteração agendada para a próxima renovação. Volte a agendá-la depois, se ainda for necessária.",
  },
  R46: {
    en: "Auto-renew applies only to new-commerce licence, software and marketplace SaaS subscriptions; this product does not renew this way.",
    "pt-PT":
      "A renovação automática só se aplica a subscrições de novo comércio de licenças, de software e de SaaS do marketplace; este produto não se renova desta forma.",
  },
  R47: {
    en: "This subscription's term has ended and its renewal is being processed; auto-renew and scheduled changes are read-only until the renewal completes. Try again after the renewal.",
    "pt-PT":
      "O prazo desta subscrição terminou e a renovação está a ser processada; a renovação automática e as alterações agendadas só podem ser lidas até a renovação terminar. Tente novamente depois da renovação.",
  },
  R48: {
    en: "Changes for the next renewal can only be scheduled on new-commerce licence and software subscriptions. Make the change when you next buy this product.",
    "pt-PT":
      "Só é possível agendar alterações para a próxima renovação em subscrições de novo comércio de licenças e de software. Faça a alteração quando voltar a comprar este produto.",
  },
  R49: {
    en: "Changes for the next renewal can only be scheduled while auto-renew is on. Turn auto-renew on first.",
    "pt-PT":
      "Só é possível agendar alterações para a próxima renovação com a renovação automática ativa. Ative primeiro a renovação automática.",
  },
  R50: {
    en: "This combination of term and billing frequency is not sold: billing can never be longer than the term. Choose monthly or annual billing for a 1-year term, or monthly, annual or triennial billing for a 3-year term.",
    "pt-PT":
      "Esta combinação de prazo e frequência de faturação não é vendida: a faturação nunca pode ser mais longa do que o prazo. Escolha faturação mensal ou anual para um prazo de 1 ano, ou mensal, anual ou trienal para um prazo de 3 anos.",
  },
};

/** The message of a rule in `locale`; falls back to English, then to the rule id itself. */
export function ruleMessage(ruleId: string, locale: Locale = "en"): string {
  const messages = Object.hasOwn(ruleMessages, ruleId) ? ruleMessages[ruleId] : undefined;
  if (messages === undefined) return ruleId;
  return messages[locale] || messages.en || ruleId;
}
