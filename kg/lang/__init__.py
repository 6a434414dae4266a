"""Language data and text mechanics, one package per language (as spaCy keeps ``spacy.lang.vi``)."""
