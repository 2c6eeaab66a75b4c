"""The layer check passes on the package, and catches what it is for."""

from claimcli import _layers


def test_the_package_imports_only_downward():
    assert _layers.check() == []


def _tree(tmp_path, files):
    for name, text in files.items():
        p = tmp_path / "claimcli" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp_path


def test_an_upward_import_and_its_cycle_fail(tmp_path):
    root = _tree(tmp_path, {
        "__init__.py": "",
        "text/__init__.py": "",
        "text/reading.py": "def f():\n    from ..pipeline.extract import run\n",
        "pipeline/__init__.py": "",
        "pipeline/extract.py": "from ..text import reading\n",
    })
    assert _layers.check(root) == [
        "claimcli/text/reading.py:2: claimcli.text.reading (text) imports claimcli.pipeline.extract (pipeline), a layer above",
        "claimcli: packages import each other in a cycle: pipeline -> text -> pipeline",
    ]


def test_importing_the_package_for_its_version_is_upward(tmp_path):
    root = _tree(tmp_path, {"__init__.py": "", "version.py": "", "nlp/__init__.py": "",
                            "nlp/pipeline.py": "from .. import __version__\nfrom ..version import __version__\n"})
    assert _layers.check(root) == [
        "claimcli/nlp/pipeline.py:1: claimcli.nlp.pipeline (nlp) imports claimcli (claimcli), a layer above",
    ]


def test_a_module_outside_the_layers_fails(tmp_path):
    root = _tree(tmp_path, {"__init__.py": "", "labeller.py": ""})
    assert _layers.check(root) == ["claimcli/labeller.py:1: claimcli.labeller is in no layer (add it to a package or to CORE)"]


def test_a_cycle_between_packages_is_named():
    assert _layers._cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]
