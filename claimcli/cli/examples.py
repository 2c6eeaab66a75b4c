"""Two or three real examples per command, shown at the end of its
``--help``. Those of the commands that read a store run as written on a
store of the bundled sample articles (``claims extract data/samples``):
tests/test_help.py runs them."""

EXAMPLES = {
    "extract": [
        ("Extract the bundled sample articles into ./claims.db", "claims extract data/samples"),
        ("One article from standard input, as JSON Lines", "cat article.txt | claims extract - --name article.txt -f jsonl"),
        ("With the rules alone, into another store", "claims extract news/ --labeller rules --db news.db"),
    ],
    "link": [
        ("Link a Parquet store extracted with --no-link", "claims link news.parquet"),
        ("Near-duplicates at 85% similarity", "claims link news.parquet --dup-threshold 85"),
    ],
    "profiles": [
        ("List the installed profiles", "claims profiles"),
        ("Check a profile and explain its failing examples", "claims profiles my-topic.toml"),
    ],
    "info": [
        ("Versions, pipeline, profile and store in use", "claims info"),
        ("The same as JSON", "claims info -f json"),
    ],
    "evaluate": [
        ("Score against your gold (articles in a text/ folder beside it)", "claims evaluate --gold gold/"),
        ("Every missed and wrong claim, as JSON", "claims evaluate --gold gold/ -f json -n 1000"),
    ],
    "train": [
        ("Train on your gold with 5-fold cross-validation first", "claims train --gold gold/ --cv 5 -o my-topic.npz"),
        ("Rebuild the shipped model", "claims train --sources data/training/sources.toml -o model.npz"),
    ],
    "speakers": [
        ("Everyone who speaks, with claims per stance", "claims speakers"),
        ("Background claims counted too, as CSV", "claims speakers --background -f csv"),
    ],
    "query": [
        ("One speaker's critical claims", "claims query --speaker Giragosian --stance critical"),
        ("Claims citing either of two reasons, the author's own left out",
         'claims query --reason "Arms sales" --reason Leverage --not-attribution author'),
        ("An article by the start of its title, as CSV", 'claims query --article "Russia Remains" -f csv'),
    ],
    "compare": [
        ("Who cites which reason", "claims compare --rows speaker --cols reason"),
        ("Stance per article, the five heaviest articles", "claims compare --rows article --cols stance -n 5"),
        ("Reasons per stance among reported claims", "claims compare --rows reason --cols stance --attribution reported"),
    ],
    "duplicates": [
        ("Clusters of near-identical claims", "claims duplicates"),
        ("Those of one article, three claims or more", "claims duplicates --article 002 --min-size 3"),
    ],
    "report": [
        ("The whole store as one HTML page", "claims report -o report.html"),
        ("One speaker's claims", "claims report --speaker Giragosian -o giragosian.html"),
    ],
    "datasette-metadata": [
        ("Browse the store in Datasette", "claims datasette-metadata -o metadata.json"),
        ("To standard output", "claims datasette-metadata"),
    ],
    "export reasons": [
        ("Every (claim, reason) pair, for a spreadsheet", "claims export reasons -o reasons.csv --excel"),
        ("One reason's rows as JSON Lines", 'claims export reasons --reason "Arms sales" -f jsonl'),
    ],
    "export claims": [
        ("Every claim, background ones flagged", "claims export claims -o claims.csv"),
        ("One per near-duplicate cluster, two speakers", "claims export claims --unique --speaker Giragosian --speaker Broers -f jsonl"),
    ],
    "articles": [
        ("The stored articles with outlet, author and date", "claims articles"),
        ("As CSV, with their keys and hashes", "claims articles -f csv"),
    ],
    "remove": [
        ("Take one article and its claims out", "claims remove 004_d1fe0f7a522fb799.txt"),
        ("By the start of its title", 'claims remove "Can Russia Mediate"'),
    ],
    "correct": [
        ("A claim's right stance and reasons", 'claims correct c0123456789abcde --stance critical --reasons "Arms sales"'),
        ("Its right speaker", 'claims correct c0123456789abcde --speaker "Richard Giragosian" --role analyst'),
        ("Not a claim at all", "claims correct c0123456789abcde --not-a-claim"),
    ],
    "corrections": [
        ("Every stored correction, as JSON Lines", "claims corrections"),
        ("Those of another store", "claims corrections --db news.db"),
    ],
    "review": [
        ("Walk the 20 least sure claims", "claims review"),
        ("Fifty of them", "claims review -n 50"),
    ],
    "export gold": [
        ("The corrections as gold, one file per article", "claims export gold -o my-gold"),
        ("Then score with them", "claims export gold -o my-gold && claims evaluate --gold my-gold articles/ --db claims.db"),
    ],
    "speakers merge": [
        ("Two spellings of one person", 'claims speakers merge "Richard Giragossian" "Richard Giragosian"'),
        ("An office and its holder", 'claims speakers merge "the Kremlin spokesman" "Dmitry Peskov"'),
    ],
    "speakers split": [
        ("A surname joined to the wrong person", "claims speakers split Sargsyan"),
        ("In another store", "claims speakers split Sargsyan --db news.db"),
    ],
    "explain": [
        ("Why a claim got its speaker, stance and reasons", "claims explain c0123456789abcde"),
        ("The same as JSON", "claims explain c0123456789abcde -f json"),
    ],
}


def epilog(command: str) -> str:
    """The examples as a help epilog; ``\\b`` keeps click from re-wrapping them."""
    lines = ["\b", "Examples:"]
    for what, cmd in EXAMPLES[command]:
        lines += [f"  # {what}", f"  {cmd}"]
    return "\n".join(lines)
