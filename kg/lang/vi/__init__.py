"""Vietnamese: orthography (NFC, tone placement, folding, keys), the syllable tokenizer and sentence splitter,
and the sentences the extractors read."""
