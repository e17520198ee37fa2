// CSP sales markets (rule book V2, C1): a partner located in a market sells to customers in every location of that
// market; a country in no list is a market of its own. Transcribed from "Cloud Solution Provider program regional
// markets and currencies", https://learn.microsoft.com/en-us/partner-center/regional-authorization-overview
// (2023-08-17), as ../shared/domain/RULES.md "v2: sales markets" lists it (ISO 3166-1 alpha-2; Kosovo as XK).

const MARKETS: Record<string, string> = {
  Africa:
    "AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ GQ ER ET PF GA GM GH GN GW KE LR MG MW ML MU YT NA NC NE NG RE RW ST SN SC SL SO SS SH TZ TG UG ZM",
  "Asia and Pacific": "BD BT BN KH HK ID LA MO MY MV MM NP PH SG LK TH TL VN",
  Australia: "AU CX CC CK FJ TF HM KI MH FM NR NU NF PW PG PN SB TK TO TV WF",
  Brazil: "BR",
  Canada: "CA PM",
  China: "CN",
  Europe:
    "AX AD AT BE BV BG HR CY CZ DK EE FO FI FR DE GI GR GL GG HU IS IE IM IT JE LV LI LT LU MT MC NL NO PL PT RO SM SK SI ES SJ SE CH GB VA",
  India: "IN",
  Japan: "JP",
  "Korea, Republic of": "KR",
  "Latin America and the Caribbean":
    "AI AQ AG AR AW BS BB BZ BM BO BQ VG KY CL CO CR CW DM DO EC SV FK GF GD GP GT GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF VC SX GS SR TT TC UY VE VI",
  "Middle East, Central and Eastern Europe":
    "AF AL DZ AM AZ BH BA IO EG GE IQ IL JO KZ XK KW KG LB LS LY MR MD MN ME MA MZ MK OM PK PS QA SA RS ZA SZ TJ TN TR TM UA AE UZ YE ZW",
  "New Zealand": "NZ WS VU",
  Taiwan: "TW",
  "United States": "AS GU MP US UM",
};

const marketOfCountry = new Map<string, string>(
  Object.entries(MARKETS).flatMap(([market, codes]) => codes.split(" ").map((c) => [c, market] as const)),
);

/** The CSP market of a country (ISO 3166-1 alpha-2); a country in no market's list is a market of its own. */
export function marketOf(country: string): string {
  return marketOfCountry.get(country.toUpperCase()) ?? `country:${country.toUpperCase()}`;
}

/** Every country of a country's market (the country alone when it is a market of its own), upper case. */
export function countriesOfMarket(country: string): string[] {
  const market = marketOf(country);
  const listed = MARKETS[market];
  return listed ? listed.split(" ") : [country.toUpperCase()];
}

/** True when partner and customer (or provider and reseller) are in the same CSP market. */
export const sameMarket = (a: string, b: string): boolean => marketOf(a) === marketOf(b);
