"""The English word classes the drafter reads fragments by.

Closed classes (pronouns, determiners, prepositions, auxiliaries, conjunctions) are listed whole.
Open classes are told by their endings, with the common words those endings would misread listed
beside them, and with the plain adjectives that carry no telling ending. Irregular past forms are a
closed class too. Everything is lower case; `english.key` folds a word to this form.
"""

from __future__ import annotations

SUBJECTS = frozenset(
    "i we he she they you xe ze ey fae it everyone everybody nobody someone somebody people both neither".split()
)
# Contracted subjects ("he's", "we've") mark a whole sentence too.
CONTRACTED_SUBJECTS = frozenset(
    f"{s}'{c}"
    for s in ("i", "we", "he", "she", "they", "you", "it", "there", "that", "who")
    for c in "s m re ve d ll".split()
)
DETERMINERS = frozenset(
    "a an the my our your his her their its xyr zir hir eir faer one this that these those some every each no any "
    "another such many several all both lots plenty half either neither".split()
)
NUMBERS = frozenset(
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred".split()
)
PREPOSITIONS = frozenset(
    "at in on through via during while from after before when with by over across around near since for about of "
    "into under among between within without like as thanks back outside inside behind alongside throughout upon "
    "onto beside besides per whilst until till once to".split()
)
# Words that open a clause of time or cause rather than a place: "while on vacation", "because ...".
CAUSES = frozenset("because since as so given seeing".split())
AUXILIARIES = frozenset(
    "is was has does can could will would should may might must shall isn't wasn't hasn't doesn't can't couldn't "
    "won't wouldn't shouldn't".split()
)
# Base forms that follow "they": "they are", "they have".
PLURAL_AUXILIARIES = frozenset("are were have do don't aren't weren't haven't".split())
# Adverbs that open a verb phrase or a description ("never misses", "always kind").
ADVERBS = frozenset(
    "never always still often usually rarely seldom sometimes once already also really truly genuinely actually even "
    "just simply somehow ever almost nearly hardly barely now then quite very so too rather pretty most more less "
    "super insanely wickedly deeply".split()
)
# Words ending in -ly that are adjectives ("a lovely person") or nouns, not adverbs.
LY_NOT_ADVERBS = frozenset(
    "lovely friendly early lively elderly ugly silly jolly holy daily weekly monthly yearly likely unlikely "
    "only family ally bully belly rally supply reply apply fly july italy lily jelly curly burly surly costly "
    "orderly worldly kindly manly womanly motherly fatherly brotherly sisterly scholarly cowardly comely "
    "homely lonely timely".split()
)
# Words ending in -s that do not open a verb phrase.
S_NOT_VERBS = frozenset(
    "his hers its this us yes was perhaps always sometimes news series species chaos lens bus gas plus thus whereas "
    "towards afterwards various less unless besides nevertheless overseas ours yours theirs kudos odds thanks "
    "lots tons loads".split()
)
# Plural nouns that, typed first, are never a third-person verb: "sales team at Acme", "operations at Globex".
PLURALS_NOT_VERBS = frozenset(
    "sales operations ops devops finances accounts affairs relations communications headquarters premises arts "
    "sciences studies systems products rights payments savings earnings assets securities goods".split()
)
# Endings of -s words that are not third-person verbs: boss, genius, analysis, famous, physics.
S_NOT_VERB_ENDINGS = ("ss", "us", "is", "ous", "ics", "'s", "’s")

IRREGULAR_PAST = frozenset(
    "arose ate awoke became began bent bit bled blew bore bought bound bred broke brought built burnt burned "
    "caught chose clung came crept dealt dug did drew drank drove dwelt fed felt fell fled flew fought forgot "
    "forgave froze found gave got grew ground hung had heard hid held knelt knew laid led leapt learnt left lent "
    "lay lit lost made meant met paid ran rang rode rose said sang sank sat saw sent shook shone shot showed shut "
    "slept slid sold sought spent spoke spun sprang stood stole stuck stung struck swore swept swam swung taught "
    "tore thought threw told took understood undertook woke wore won wove wept wound wrote went were was overcame "
    "outgrew withdrew foresaw oversaw underwent mistook".split()
)
# Past participles that are not also past forms: "known for", "self-taught", "well-read".
IRREGULAR_PARTICIPLES = frozenset(
    "known grown shown driven written given taken chosen proven born sworn beaten broken spoken forgotten gotten "
    "hidden ridden risen seen shaken stolen woken worn torn frozen fallen flown drawn thrown blown mistaken "
    "undertaken overcome begun sung swum drunk done gone been eaten".split()
)
# Words ending in -ed that are neither past forms nor participles.
ED_NOT_VERBS = frozenset(
    "bed red shed sled wed need seed feed speed breed creed deed greed weed steed reed tweed naked wicked sacred "
    "rugged ragged crooked beloved hundred kindred hatred shred infrared embed coed ted ned fred".split()
)
# -eed words that are past forms after all.
EED_PAST = frozenset("agreed freed guaranteed decreed refereed disagreed emceed".split())

# Plain adjectives with no telling ending.
ADJECTIVES = frozenset(
    "close dear near kind smart sharp great good fair calm warm wise bold brave quick funny fun nice honest humble patient gentle "
    "tough keen loyal frank direct witty clever bright strong solid fast cool rare real true sweet fierce brilliant "
    "steady modest polite quiet loud proud astute shrewd savvy wry dry deft adept sane sound fit tall young old new "
    "busy happy lovely friendly early lively elderly ugly silly jolly open fluent generous excellent intelligent "
    "efficient confident independent consistent persistent diligent eloquent competent decent different frequent "
    "prudent transparent resilient elegant relevant tolerant pleasant vibrant radiant gallant fantastic terrific "
    "amazing superb genuine sincere mature secure sure grounded unflappable reliable dependable approachable "
    "thorough rigorous meticulous tireless fearless relentless selfless careful thoughtful helpful cheerful "
    "creative inventive decisive supportive generous unassuming unpretentious low-key easygoing easy-going "
    "hands-on hardworking hard-working well-connected well-read well-known world-class first-class top-notch "
    "legendary visionary extraordinary exemplary ordinary driven detailed focused dedicated talented gifted "
    "skilled seasoned experienced accomplished trusted respected beloved underrated overqualified great-hearted "
    "warm-hearted big-hearted kind-hearted level-headed clear-headed open-minded like-minded calm-headed quick-witted "
    "sharp-witted unstoppable unbeatable insightful wonderful delightful graceful powerful resourceful "
    "entrepreneurial analytical practical technical tactical logical ethical critical musical "
    "able capable curious serious ambitious courageous gracious tenacious rigorous hilarious humorous "
    "energetic enthusiastic pragmatic strategic diplomatic empathetic charismatic authentic organised organized "
    "articulate passionate compassionate considerate deliberate fortunate obstinate delicate "
    "hungry happy lucky steady witty savvy handy tidy nerdy geeky quirky feisty gutsy scrappy crafty canny "
    "wary weary worthy healthy wealthy mighty nifty plucky punchy snappy zany breezy easy "
    "due glad keen aware alive alert apt awake "
    "nimble humble noble subtle gentle agile fragile versatile hostile fertile mobile stable able "
    "mellow shallow narrow hollow".split()
)
# Adjective endings, and the nouns each would misread.
ADJECTIVE_ENDINGS = ("ful", "less", "ous", "ive", "able", "ible", "ic", "ical", "ish", "al", "ary", "ory", "some")
ENDING_NOT_ADJECTIVES = frozenset(
    "executive detective relative native representative operative objective initiative explosive locomotive "
    "adhesive sedative perspective alternative incentive motive directive narrative collective archive olive "
    "table cable fable vegetable constable bible stable "
    "mechanic critic medic skeptic sceptic cynic clinic music logic topic republic comic mimic tactic relic tonic "
    "panic traffic fabric rhetoric heretic lunatic fanatic academic arithmetic epic physic "
    "dish fish wish radish polish relish parish "
    "animal general principal individual official rival criminal professional original capital hospital signal "
    "journal terminal arrival festival proposal referral approval survival tutorial editorial material "
    "memorial cardinal admiral corporal pal canal metal petal pedal medal total interval "
    "secretary dignitary missionary visionary adversary emissary notary luminary "
    "directory history factory story territory inventory laboratory category memory theory victory".split()
)

# Nouns that name a relationship: "my neighbour" is who someone is, "the sailing club" is where we met.
RELATIONS = frozenset(
    "friend friends neighbour neighbours neighbor neighbors roommate roommates flatmate flatmates housemate "
    "housemates classmate classmates schoolmate schoolmates teammate teammates colleague colleagues coworker "
    "coworkers co-worker co-workers cousin cousins sibling siblings brother sister aunt uncle niece nephew "
    "godfather godmother godparent godson goddaughter in-law in-laws partner partners co-founder co-founders "
    "cofounder cofounders mentor mentors mentee mentees boss manager client clients customer customers investor "
    "investors advisor advisors adviser advisers student students teacher professor tutor coach buddy buddies "
    "pal pals mate mates acquaintance acquaintances ex wife husband son daughter father mother dad mum mom "
    "grandfather grandmother stepbrother stepsister brother-in-law sister-in-law father-in-law mother-in-law "
    "son-in-law daughter-in-law cousin-in-law best-friend bandmate bandmates crewmate crewmates shipmate shipmates "
    "bunkmate bunkmates landlord landlady tenant supervisor intern interns report reports peer peers".split()
)
# Heads of a noun phrase one has rather than is: "a knack for", "great instincts", "an eye for detail".
HAVE_HEADS = frozenset(
    "knack sense eye eyes ear ears nose gift talent way heart memory mind feel touch passion habit reputation "
    "record network laugh voice smile phd doctorate degree degrees background instinct instincts taste judgement "
    "judgment humour humor energy patience stamina charm wit following presence temper kids children dog dogs "
    "cat cats collection library garden boat".split()
)
# Heads of a noun phrase one is without an article: "great fun", "pure energy" (energy is had, above).
MASS_HEADS = frozenset(
    "fun company value joy class magic gold dynamite sunshine trouble help inspiration advice information "
    "feedback guidance support insight expertise".split()
)
# Words that end the noun phrase a superlative describes: "best doctor | I know", "kindest soul | alive".
NP_BOUNDARIES = (
    PREPOSITIONS
    | SUBJECTS
    | frozenset(
        "who whom whose that which ever alive anywhere around i've i'd i'm we've you'll you've on earth there "
        "to".split()
    )
)
# -est words that are not superlatives.
EST_NOT_SUPERLATIVES = frozenset(
    "honest modest earnest interest forest guest request contest protest harvest conquest west rest test nest "
    "chest quest zest vest pest arrest manifest digest suggest invest budapest tempest behest bequest unrest "
    "inquest priest best-seller bestseller everest southwest northwest midwest".split()
)
SUPERLATIVE_WORDS = frozenset("best worst most least".split())
# Words of time that mean a fragment already says when: "in 2019", "years ago".
TIME_WORDS = frozenset(
    "ago since year years month months week weeks decade decades yesterday today recently once back when "
    "january february march april may june july august september october november december "
    "spring summer autumn fall winter".split()
)
# First-person singular words: a fragment holding one is about me and the other person, not "we".
MY_WORDS = frozenset("me my mine myself i i'm i've i'd".split())
OUR_WORDS = frozenset("we us our ours ourselves we've we're we'd".split())

# Nouns in -ing that are things, not verbs ("a wedding"), unless an object follows ("building a hospital").
ING_NOUNS = frozenset(
    "thing king ring wing sing spring string evening morning ceiling wedding meeting building offering painting "
    "setting hearing gathering opening ending beginning recording screening briefing clothing darling sibling "
    "pudding".split()
)
# What people write when they want no pronouns used.
NO_PRONOUNS = frozenset("any all none no ask name n/a na use".split())
# Object pronouns: after a verb in -ing, they mark it a verb ("helping them").
OBJECTS = frozenset("me him her them us you it xem zir em everyone everybody people".split())
# Particles of phrasal verbs: "grew up", "sat down".
PARTICLES = frozenset("up down out off away back together".split())
# Words after which a name opens a clause: "... because Jim is hiring".
CLAUSE_OPENERS = frozenset("and but because since so that when while if as or".split())
# Words that carry no content when two texts are compared ("have we said this already?").
STOP = frozenset(
    "a an the and or of in on at to for with we i my our us he she they his her their you your since together "
    "from by is are was were be been have has had still ever very really".split()
)
# Places named without an article: "from school", "at work".
BARE_PLACES = frozenset("school college university uni work church camp home class kindergarten".split())
# Places one is on rather than at: "on a sailing trip".
ON_PLACES = frozenset("trip cruise vacation holiday flight train boat ship hike retreat panel course".split())
# Job titles held by one person: "the CFO", not "a CFO".
UNIQUE_ROLES = frozenset(
    "chief head president ceo cfo cto coo cmo cio cpo cso founder co-founder cofounder managing chair chairman "
    "chairwoman chairperson owner dean director-general".split()
)
# Units of time: a detail that opens with one is a length of time ("two years at Google").
DURATIONS = frozenset("year years month months week weeks decade decades summer summers day days".split())
# Heads of a noun phrase had without an article: "boundless energy", "good taste".
MASS_HAVE = frozenset(
    "energy patience stamina charm wit taste judgement judgment humour humor presence temper instinct "
    "instincts following".split()
)
# Plural nouns of a relation that are verbs too, when an object follows: "mentors everyone".
RELATION_VERBS = frozenset("mentors tutors coaches partners interns".split())
# Verbs in their base form that open a fragment: "go way back", "play chess every Thursday", "compare notes".
BASE_VERBS = frozenset(
    "go play sail meet talk run work live share love have do get see hike climb cook eat drink know read write "
    "build teach learn study train travel swim ride bike cycle compare discuss exchange swap chat catch grab help "
    "collaborate brainstorm trade hang spend volunteer serve row coach mentor hire invest start join attend "
    "visit call email text keep stay walk dance sing paint draw design plan organize organise host lead manage "
    "support fund advise review explore try think care fight argue laugh bond connect".split()
)
# Past verbs that, before a preposition, tell what someone did rather than how they are: "worked at Google"
# (not "focused on his patients").
PAST_ACTIVE = frozenset(
    "worked lived studied served moved interned volunteered competed rowed sailed played started retired spent "
    "taught grew ran flew swam traveled travelled stayed walked climbed graduated majored lectured consulted "
    "cycled hiked wrote".split()
)
# A single word of how we met that is how, not where: "online", "abroad".
HOW_ADVERBS = frozenset("online offline abroad overseas locally remotely virtually here there".split())
# Relations that last: "we're cousins", not "we were cousins".
FAMILY = frozenset(
    "cousins siblings brothers sisters twins family relatives in-laws cousin sibling brother sister twin".split()
)
# Honorifics before a first name: "Dr. Jane O'Neil" is Jane.
HONORIFICS = frozenset("dr dr. mr mr. mrs mrs. ms ms. mx mx. prof prof. sir dame rev rev. fr fr. capt capt.".split())
# Titles held of a firm rather than at it: "the founder of Fischer & Sons".
OF_ROLES = frozenset("founder co-founder cofounder owner co-owner chair chairman chairwoman chairperson".split())
# Words a draft keeps lower case even when a name was typed all in lower case ("van", "de").
NAME_PARTICLES = frozenset("van von de der den da di du la le del della bin ibn al el of and the".split())
# Possessive determiners: "our kids go to the same school" opens a sentence.
POSSESSIVES = frozenset("my our your his her their its".split())

# The words that tell a criterion: a how-we-met that says "married" has told the family tie already.
TELLS = {
    "friend": frozenset("friend friends".split()),
    "family": frozenset(
        "married marry brother sister cousin cousins family daughter son wife husband uncle aunt niece nephew "
        "brother-in-law sister-in-law in-law in-laws".split()
    ),
    "colleague": frozenset("colleague colleagues worked work coworker coworkers co-worker co-workers".split()),
    "business-partner": frozenset("partner partners co-founded cofounded founded business".split()),
    "client": frozenset("client clients hired customer customers".split()),
    "classmate": frozenset("classmate classmates class school studied college university mba".split()),
    "met-in-person": frozenset(("met",)),
}
# Plural nouns for people and what they have that open a sentence of their own: "kids go to the same school".
PEOPLE_PLURALS = frozenset(
    "kids children parents families dogs teams wives husbands sons daughters folks people partners spouses "
    "boys girls twins".split()
)
# Acronyms in job titles, written in capitals whatever the case typed: "ceo" → "CEO", "vp product" → "VP product".
TITLE_ACRONYMS = frozenset(
    "ceo cfo cto coo cmo cio cpo cso cro ciso vp svp evp avp md gm hr pm qa ux ui it ai ml".split()
)
# Short words a name in lower case may hold that are words, not acronyms ("Acme Co", "Red Bull", "The Lab").
SHORT_WORDS = frozenset(
    "the and of for co inc ltd llc plc lab art bar bay air sea sun new san los las big red one two six ten top "
    "hub net web box pay bio dev ops app car bus way day law tax fox cat dog owl bee".split()
)
# Words people type in lower case that are written with a capital: languages, days, months.
CAPITALISED = frozenset(
    "english french german spanish italian portuguese dutch russian ukrainian polish greek turkish arabic hebrew "
    "persian farsi hindi urdu bengali punjabi tamil mandarin cantonese chinese japanese korean vietnamese thai "
    "indonesian swahili yoruba igbo zulu swedish norwegian danish finnish icelandic czech hungarian romanian "
    "monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday saturdays "
    "sunday sundays january february march april june july august september october november december".split()
)
# Degrees and titles people type in lower case, as they are written.
WRITTEN_AS = {w.lower(): w for w in "PhD MBA MSc BSc MPhil DPhil JD LLM MD CFA CPA CEO CFO CTO COO CMO CPO VP".split()}
# Heads of a reason that is what someone would value from the reader: "advice on fundraising".
VALUED = frozenset("advice help feedback input perspective view views opinion thoughts take read guidance".split())

# Past forms that, typed alone as praise, are things done to the person: "promoted twice in a year" is
# "was promoted", "named CEO in 2020" "was named" (not "promoted the team", which would be typed so).
PASSIVE_IN_PRAISE = frozenset(
    "promoted elected named nominated awarded honoured honored knighted shortlisted featured recognised "
    "recognized voted ranked listed chosen selected appointed decorated profiled quoted cited headhunted "
    "poached".split()
)

# Short capitals said as a word, not letter by letter: "a CERN physicist", "a SIM card", "a GIF".
SAID_AS_WORDS = frozenset(
    "CERN SARS GIF SIM PIN RAM ROM CAD SAT MAC PAC DOS ZIP WAN LAN GUI NEC RAC FAB LAB SOX BAFTA".split()
)

# Past verbs of something that lasts: dated, they say when it began ("we first worked together … in 2015").
DURATIVE_PAST = frozenset(
    "worked studied lived served played trained volunteered taught coached sang rowed sailed roomed".split()
)

# -s words that are never a third-person verb, for is_third_person (built once, not at each call).
NOT_THIRD_PERSON = S_NOT_VERBS | RELATIONS | PEOPLE_PLURALS | PLURALS_NOT_VERBS
