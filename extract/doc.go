// Package extract turns cleaned articles (article.Document) into facts: it
// finds sentences, tokens and part-of-speech tags with prose, entity labels
// with kg's own tagger (package ner), entity mentions with their byte
// offsets, merges the mentions of one entity, and extracts relations and
// direct quotes with the sentence that proves each of them. It reads one
// document at a time: which names of several documents are one entity the
// store decides (graph.Store.Consolidate).
//
// The stages, one file each:
//
//	sentences.go   sentence boundaries by rule, with offsets
//	limits.go      the longest sentence handed to the tagger
//	nlp.go         the prose wrapper: tokens and part-of-speech tags (model loaded once)
//	gazetteer.go   the word lists of data/: places, organizations, demonyms, titles, head words
//	nerlists.go    those lists as the entity tagger's training gazetteer (NERLists)
//	mentions.go    entity mentions with offsets
//	entities.go    merging mentions into entities (canonical names)
//	lemma.go       verb lemmas for predicates
//	chunks.go      noun phrases and verb groups
//	coref.go       pronouns and plural descriptions → entities
//	relations.go   facts: verbal, nominal, roles, located-in; polarity and modality
//	quotes.go      direct quotes and their speakers
//	openie.go      open extraction tuples for benchmarks
//	extract.go     Extractor: article.Document → schema.Extraction
//
// Only nlp.go imports prose, and no prose type appears in an exported
// signature.
package extract
