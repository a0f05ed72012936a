// Danish UI text, the default language. Its keys define the catalogue every other language must fill.

/** The Danish catalogue; the source of the typed key set. */
export const da = {
  'app.name': 'Skjold',
  'app.tagline': 'Datasikkerhed i kommunen',
  'app.loading': 'Indlæser …',
  'app.skipToContent': 'Spring til indhold',
  'app.municipality': 'Kommune',
  'app.version': 'Version {version}',

  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',

  'demo.badge': 'Demo',
  'demo.text': 'Demoversion med opdigtede data. Ingen oplysninger tilhører rigtige personer.',

  'notice.title': 'Dine opslag bliver logget og kontrolleret',
  'notice.body':
    'Alle opslag i borgernes oplysninger bliver logget. Loggen kontrolleres ved stikprøvekontrol og ved automatisk overvågning.',
  'notice.duty': 'Slå kun oplysninger op, når du har et arbejdsmæssigt behov for dem.',
  'notice.short': 'Alle opslag i borgernes oplysninger logges og kontrolleres ved stikprøvekontrol og automatisk overvågning.',

  'login.title': 'Log ind',
  'login.intro': 'Brug dit personlige brugernavn. Del aldrig dit login med andre.',
  'login.username': 'Brugernavn',
  'login.password': 'Adgangskode',
  'login.submit': 'Log ind',
  'login.submitting': 'Logger ind …',
  'login.missing': 'Udfyld både brugernavn og adgangskode.',

  'mfa.title': 'Totrinsbekræftelse',
  'mfa.totpLabel': 'Kode fra din godkendelsesapp',
  'mfa.totpHelp': 'Skriv de 6 cifre, som appen viser lige nu.',
  'mfa.recoveryLabel': 'Gendannelseskode',
  'mfa.recoveryHelp': 'Hver gendannelseskode kan kun bruges én gang.',
  'mfa.submit': 'Bekræft',
  'mfa.missing': 'Skriv koden.',
  'mfa.useRecovery': 'Brug en gendannelseskode i stedet',
  'mfa.useTotp': 'Brug koden fra din godkendelsesapp',
  'mfa.webauthnOnly': 'Log ind med sikkerhedsnøgle er endnu ikke muligt her. Kontakt din it-administrator.',
  'mfa.cancel': 'Tilbage',

  'passwordChange.title': 'Du skal skifte adgangskode',
  'passwordChange.body':
    'Din adgangskode skal skiftes, før du kan fortsætte. Følg vejledningen fra din it-administrator, eller kontakt it-supporten.',
  'passwordChange.back': 'Tilbage til log ind',

  'passwordChange.intro': 'Vælg en ny, personlig adgangskode. Når den er skiftet, bliver du logget ud alle steder.',
  'passwordChange.current': 'Nuværende adgangskode',
  'passwordChange.new': 'Ny adgangskode',
  'passwordChange.rules': 'Mindst 12 tegn. Undgå ord og mønstre, der er lette at gætte.',
  'passwordChange.repeat': 'Gentag ny adgangskode',
  'passwordChange.mismatch': 'De to nye adgangskoder er ikke ens.',
  'passwordChange.submit': 'Skift adgangskode',
  'passwordChange.doneTitle': 'Adgangskoden er skiftet',
  'passwordChange.done': 'Log ind igen med din nye adgangskode.',

  'enrol.title': 'Tilknyt to-faktor-login',
  'enrol.intro': 'Du skal bruge en godkendelsesapp på din telefon, før du kan fortsætte.',
  'enrol.start': 'Start',
  'enrol.secretIntro': 'Tilføj Skjold i din godkendelsesapp med denne nøgle, og skriv derefter den kode, appen viser.',
  'enrol.openApp': 'Åbn i godkendelsesapp',
  'enrol.confirm': 'Bekræft',
  'enrol.codesTitle': 'Dine gendannelseskoder',
  'enrol.codesBody': 'Gem koderne et sikkert sted. De vises kun denne ene gang, og hver kode kan bruges én gang.',
  'enrol.codesDone': 'Jeg har gemt koderne',

  'lock.addCode': 'Jeg bruger kode fra godkendelsesapp',
  'lock.codeHelp': 'Kun hvis du loggede ind med en kode fra din godkendelsesapp.',

  'lock.title': 'Skærmen er låst',
  'lock.body': 'Du har været inaktiv, så Skjold har låst skærmen. Skriv din adgangskode for at fortsætte.',
  'lock.user': 'Logget ind som {name}',
  'lock.submit': 'Lås op',
  'lock.submitting': 'Låser op …',
  'lock.logout': 'Log ud i stedet',

  'errors.network': 'Skjold svarer ikke lige nu. Prøv igen om lidt.',
  'errors.unavailable': 'Funktionen er ikke tilgængelig lige nu. Prøv igen senere.',
  'errors.generic': 'Noget gik galt. Prøv igen.',
  'errors.meta': 'Kommunens oplysninger kunne ikke hentes.',

  'shell.mainNav': 'Hovedmenu',
  'shell.userMenu': 'Bruger',
  'shell.logout': 'Log ud',

  'nav.overview': 'Forside',
  'nav.citizenService': 'Borgerservice',
  'nav.log': 'Log',
  'nav.control': 'Kontrol',
  'nav.access': 'Adgang',
  'nav.systems': 'Systemer',

  'overview.title': 'Forside',
  'overview.welcome': 'Velkommen, {name}',
  'overview.intro': 'Her samles dine opgaver i Skjold. Flere moduler kommer til, efterhånden som de bliver klar.',
  'overview.unit': 'Enhed',
  'overview.roles': 'Roller',
  'overview.noRoles': 'Ingen roller tildelt',

  'role.employee': 'Medarbejder',
  'role.manager': 'Leder',
  'role.authorizer': 'Godkender',
  'role.security': 'Informationssikkerhed',
  'role.it-admin': 'It-administrator',
  'role.system-owner': 'Systemejer',
  'role.dpo': 'Databeskyttelsesrådgiver',

  'notFound.title': 'Siden findes ikke',
  'notFound.back': 'Gå til forsiden',
} as const;

/** Every UI text key; other catalogues must define exactly these. */
export type MessageKey = keyof typeof da;

/** A complete catalogue: one string per key. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
