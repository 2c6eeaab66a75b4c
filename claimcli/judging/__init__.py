"""What a claim says about the topic: topic profiles (``profiles``), the
stance read from the parse (``stance``) and the reasons a claim cites, with
the classifier that puts them together (``reasons``)."""
