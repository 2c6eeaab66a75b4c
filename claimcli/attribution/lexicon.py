"""Word lists of attribution, as data: the cue verbs by how much frame they
need, the nouns that frame a statement, and the words that name a source.

One word sits in one verb class (a test checks): the class decides what a
verb needs before it makes a cue, so a word in two classes would obey two
rules. Add a word here and every pattern in ``cues.py`` sees it.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of saying: a cue whenever they have a plausible source.
SPEECH_VERBS = _words("""
say tell state announce declare claim argue assert contend tweet
hint warn caution insist note stress emphasize emphasise underscore underline reiterate explain
suggest acknowledge admit concede deny predict complain confirm allege
accuse blame criticize criticise condemn praise urge demand remark observe
reply retort vow pledge testify quip joke boast concur recount lament scoff
decry denounce comment speculate opine question express proclaim
disclose highlight relay rail attribute ascribe apologize apologise mention
""")

# Verbs that report speech, belief or intention only with a content clause,
# a quotation or a parenthetical position: "Russia maintained a status quo"
# and "Russia continued its policy" are no cues, "X maintained that ..." is.
CONTENT_VERBS = _words("""
add continue agree maintain
conclude recall write answer ask wonder point reckon guess
assume signal indicate report post repeat estimate propose
recommend dispute reject dismiss counter charge protest respond
promise mourn describe call reveal
show find remind speak talk inform
echo imply retweet yell shout chant present paint depict
""")

# Verbs of belief and intention: PolNeAR and our guide report them as the
# holder's ("Many farmers believe that ...", "He hopes to ..."), but only with
# a clause or an infinitive that carries what is held.
BELIEF_VERBS = _words("""
believe think feel fear expect hope worry doubt suspect want intend
know learn realize realise
""")
# With "as", these give the source's view of something: "X described the
# levy as a tax", "X cast the vote as a betrayal".
DESCRIBING_VERBS = _words("describe characterize characterise portray cast label dub brand defend present paint depict")

# Verbs of public stance ("X endorsed Y"): a cue only with a named person or
# organisation as subject (never a pronoun, a country or "the only country
# that ...") and an object or complement that carries what is held.
ATTITUDE_VERBS = _words("""
endorse oppose reaffirm champion applaud welcome hail
slam blast pan lambaste rebuke chide fault disparage mock
characterize characterise portray label dub brand
tout advocate bemoan downplay
voice cite compare rip grill liken deride compliment thank embrace
""")

# Verbs of action that may also report a stance ("Senator Reed supports the
# bill"): a cue only with a person's name as subject. "Turkey supports
# Azerbaijan" and "the only country that can defend it" are the author's.
ACTION_VERBS = _words("""
support back defend push press seek threaten attack hammer cast discuss
""")

# Nouns that frame a sentence as someone's statement: "in its statement".
STATEMENT_NOUNS = _words("""
statement speech interview remark comment address letter post tweet column op-ed
editorial briefing testimony memo message announcement communique response reply
claim assertion declaration warning pledge promise argument accusation suggestion
insistence admission denial assessment report concern criticism allegation complaint
brief ad advertisement video book article essay conclusion verdict
""")
# "X made the case that ...", "Y delivered a speech on ...", "Z issued a
# warning": a verb of making whose object is something said.
MAKING_VERBS = _words("make deliver give offer issue release lay level unveil outline")
MADE_STATEMENTS = STATEMENT_NOUNS | _words("""
case message defense defence point pitch appeal plea critique prediction
forecast vow threat remarks rebuttal argument endorsement apology explanation
plan proposal proposals advice
""")
# What "according to" may cite besides a source: counts and records ("according
# to early results", "according to a transcript"), never a law or a treaty.
ACCORDING_NOUNS = _words("""
result figure estimate statistic transcript tally count average summary audio recording
projection calculation record filing
""")
VIEW_NOUNS = _words("view opinion words estimate assessment judgment judgement estimation mind account reading telling")

# Sources that are states or bodies: they make statements, but their
# "wants" and "beliefs" are the author's reading of a policy.
STATE_NOUNS = _words("""
kremlin moscow washington government administration country nation ministry
regime side capital state authority authorities leadership party camp
""")

# Words that open a line with a colon without naming a speaker ("UPDATE: …").
LABEL_WORDS = _words("""
update note editor correction watch breaking exclusive video photo photos live read
related source sources via ps caption opinion analysis q a warning crosstalk applause laughter
""")

# Common nouns that can be a source: people, offices, bodies, publications.
SOURCE_NOUNS = _words("""
official spokesman spokeswoman spokesperson spokespeople representative source
analyst expert observer critic supporter opponent aide adviser advisor staff
staffer lawmaker legislator senator congressman congresswoman member leader
minister ministry department government administration agency office
authority police officer prosecutor attorney lawyer judge court committee
commission council panel board campaign party group organization
organisation coalition union company firm president chairman chairwoman chair
director executive ceo manager head chief secretary governor mayor ambassador
diplomat envoy negotiator mediator general commander military army people
resident voter citizen protester activist demonstrator witness victim survivor
parent teacher student doctor scientist researcher economist historian scholar
professor journalist reporter correspondent editor columnist writer author
commentator pundit pollster strategist consultant operative insider person man
woman friend family relative father mother son daughter wife husband colleague
employee worker farmer owner founder delegate candidate nominee challenger
incumbent rival ally partner neighbor neighbour country nation side
interlocutor veteran soldier fighter militant rebel separatist faction bloc
caucus parliament assembly congress senate cabinet regime embassy mission
delegation report study poll survey memo document filing lawsuit
complaint indictment website newspaper paper outlet network channel magazine
media press broadcaster watchdog nonprofit institute center centre foundation
association federation team camp kremlin moscow capital lobby industry
manufacturer bank fund investor trader spokesmen sources
officials experts analysts diplomats
fellow lecturer academic engineer nurse pensioner retiree refugee shopkeeper driver
developer participant attendee respondent viewer reader listener customer consumer
backer donor follower immigrant
video footage data analysis findings records
""")
SOURCE_SUFFIXES = ("ist", "ian", "ologist", "man", "woman", "person")
# Nouns for a person (never a body) that may stand right before a name: "his
# neighbour Vardan Asatryan", "the farmer Ola Nes".
PERSON_NOUNS = _words("""
neighbour neighbor friend colleague wife husband son daughter father mother brother sister
cousin uncle aunt resident farmer teacher student doctor nurse driver owner worker veteran
soldier officer writer author poet activist lawyer fellow
""")
# A share of a group speaks for it in polls: "64 percent of farmers said".
SHARE_WORDS = _words("""percent % majority minority half third quarter plurality most many some few
chorus number handful dozen dozens hundreds thousands host slew""")
# The pronouns that can stand for a source ("I", "we" and "you" outside a
# quotation are the author and the reader; "someone", "it" are nobody's name).
SOURCE_PRONOUNS = _words("he she it they i we you someone somebody everyone everybody anyone anybody nobody none one all some many others both")
# Outside quotation marks, "I think" and "we know" are the author's own voice.
AUTHOR_PRONOUNS = _words("i me we us you")

PERSONAL_PRONOUNS = _words("he she him her his i me")
# "It said", "it added": a body that spoke just before (never a person).
THING_PRONOUNS = _words("it")
# Nouns for one person that a definite phrase uses for someone the article
# has named ("the diplomat continued", "the Russian leader noted", "the
# political scientist said"): that person, not a speaker of its own.
PERSON_EPITHETS = _words("""
expert analyst diplomat leader politician scientist official spokesman spokeswoman spokesperson
minister president premier economist historian professor researcher commentator observer
lawmaker legislator senator congressman congresswoman general commander envoy ambassador
chairman chairwoman politologist academic scholar journalist writer author columnist
veteran activist lawyer judge governor mayor candidate nominee strategist adviser advisor
aide head chief director interlocutor interviewee specialist fellow representative
""")
# What a pronoun, an honorific or an office word tells of a person's gender:
# "she said" stands for the latest woman named, not the latest person.
MALE_WORDS = _words("he him his himself mr mr. sir spokesman chairman congressman")
FEMALE_WORDS = _words("she her hers herself mrs mrs. ms ms. miss dame spokeswoman chairwoman congresswoman")
GROUP_PRONOUNS = _words("they them their we us")
HONORIFICS = _words("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame")
# Words of office that precede a name ("Prime Minister Nikol Pashinyan").
TITLE_WORDS = _words("""
president vice prime minister secretary senator sen sen. rep rep. representative
governor gov gov. mayor chairman chairwoman chair director spokesman spokeswoman
spokesperson ambassador general gen gen. admiral colonel col. lt. lieutenant
judge justice speaker leader chief deputy former foreign defence defense
interior finance state house senate congressman congresswoman minority majority
candidate nominee commissioner attorney professor analyst expert editor
editor-in-chief founder ceo head king queen prince pope sheikh rabbi reverend
rev. father senior junior acting assistant political military pm
mp mep premier
""")

VERB_CLASSES = {
    "speech": SPEECH_VERBS,
    "content": CONTENT_VERBS,
    "belief": BELIEF_VERBS,
    "attitude": ATTITUDE_VERBS,
    "action": ACTION_VERBS,
}
CUE_LEMMAS = frozenset().union(*VERB_CLASSES.values())
