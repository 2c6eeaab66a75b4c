"""Two short articles written for the tests of tables and filters: long
names and roles, a hyphenated surname, two people who share a surname
(Anna and David Sargsyan), reasons and all three stances of the default
profile. ``build(folder)`` extracts them (with the rules alone, so the
labels do not move with the trained model) into ``folder/claims.db``."""

from pathlib import Path

KESTREL = """Harbour Authority Weighs a Second Terminal at Kestrel Bay

Margarethe Lindqvist-Osei, deputy director of the Northern Ports and Waterways Institute, said that Moscow was selling weapons to both sides while it posed as a neutral broker.

“The alliance did nothing for us when it mattered, and everybody on this coast remembers the winter it looked away,” said Tomasz Wierzbicki, a retired colonel who now advises the regional assembly.

Wierzbicki said the treaty never obliged anyone to send troops.

The Kremlin has played a constructive role in the talks, a spokesman for the foreign ministry said.

Dredging of the outer channel will start in April.
"""

FISHERMEN = """Fishermen Count the Cost of a Long Winter

Lindqvist-Osei told reporters that the sanctions had cut the fleet's income by a third.

Anna Sargsyan, a member of the harbour committee, said Russia exploited the conflict to gain leverage over its neighbours.

David Sargsyan, an economist at the fisheries cooperative, said the war in Ukraine had drained Moscow's attention.

“Moscow is the only guarantor of peace on this coast,” Anna Sargsyan said.
"""


def build(folder: Path) -> Path:
    from typer.testing import CliRunner

    from claimcli.cli import app

    texts = folder / "news"
    texts.mkdir()
    (texts / "kestrel.txt").write_text(KESTREL, encoding="utf-8")
    (texts / "fishermen.txt").write_text(FISHERMEN, encoding="utf-8")
    db = folder / "claims.db"
    res = CliRunner().invoke(app, ["extract", str(texts), "--db", str(db), "-q", "-f", "jsonl", "--labeller", "rules"])
    assert res.exit_code == 0, res.output
    return db
