"""Plain text, before any parse: reading files and naming articles
(``reading``), paragraphs and boilerplate (``segment``), quotation spans
(``quotes``) and names folded for comparison (``names``). No spaCy here."""
