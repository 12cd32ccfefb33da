// Package extract turns articles into facts: it reads files (plain text,
// directories, stdin), cleans them into a Document (paragraphs, metadata,
// page furniture removed), finds sentences, tokens and part-of-speech tags
// with prose, finds entity mentions with their byte offsets, merges the
// mentions of one entity, and extracts relations and direct quotes with the
// sentence that proves each of them.
//
// The stages, one file each:
//
//	read.go      Reader: paths, directories and stdin → raw articles, per-file errors
//	clean.go     Clean: raw text → Document (unwrapped paragraphs, blocks, furniture dropped)
//	meta.go      metadata: title, byline, date, dateline, credits
//	nlp.go       the prose wrapper: sentences, tokens, POS, NER labels (model loaded once)
//	mentions.go  entity mentions with offsets
//	entities.go  merging mentions into entities (canonical names)
//	relations.go subject–verb–object facts and nominal facts
//	quotes.go    direct quotes and their speakers
//	extract.go   Extractor: Document → schema.Extraction
//
// Only nlp.go imports prose, and no prose type appears in an exported
// signature.
package extract
