"""What the user reads: table, CSV and JSON writers (``writers``), table
layouts and labels (``tables``), the HTML report and its templates
(``html``) and the Datasette metadata (``datasette``)."""
