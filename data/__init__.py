"""Package data: topic profiles and the sample articles (mapped from data/)."""
