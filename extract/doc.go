// Package extract turns articles into facts: it reads files (plain text,
// directories, stdin), cleans them into a Document (paragraphs, metadata,
// page furniture removed), finds sentences, tokens and part-of-speech tags
// with prose, finds entity mentions with their byte offsets, merges the
// mentions of one entity, and extracts relations and direct quotes with the
// sentence that proves each of them.
//
// The stages, one file each:
//
//	read.go        Reader: paths, directories and stdin → documents, per-file and per-record errors
//	html.go        the HTML reader: the article body and its metadata
//	jsonl.go       the JSON Lines reader (.jsonl, .jsonl.gz; Reuters-21578 fields)
//	clean.go       Clean: raw text → Document (unwrapped paragraphs, blocks, furniture dropped)
//	meta.go        metadata: title, byline, date, dateline, credits
//	fingerprint.go the MinHash signature of a body, for near-duplicates
//	sentences.go   sentence boundaries by rule, with offsets
//	nlp.go         the prose wrapper: tokens and part-of-speech tags (model loaded once)
//	ner*.go        kg's entity tagger: a perceptron over BILOU labels, its features, training, CoNLL I/O
//	gazetteer.go   the word lists of data/: places, organizations, demonyms, titles, head words
//	mentions.go    entity mentions with offsets
//	entities.go    merging mentions into entities (canonical names)
//	chunks.go      noun phrases and verb groups
//	coref.go       pronouns and plural descriptions → entities
//	relations.go   facts: verbal, nominal, roles, located-in; polarity and modality
//	quotes.go      direct quotes and their speakers
//	extract.go     Extractor: Document → schema.Extraction
//
// Only nlp.go imports prose, and no prose type appears in an exported
// signature.
package extract
