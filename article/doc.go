// Package article reads news articles and cleans them into Documents:
// plain text (hard-wrapped or not), HTML pages, JSON Lines corpora (also
// gzip-compressed), directories and standard input, decoded from UTF-8 or,
// with a warning, Windows-1252. Cleaning unwraps hard line breaks into
// paragraphs, drops page furniture, keeps captions apart, and takes the
// metadata (title, byline, date, dateline, credits) out of the text; every
// Document gets a stable id (a hash of its body) and a near-duplicate
// signature (dedup.Fingerprint).
//
//	read.go      Reader: paths, directories and stdin → Documents, per-file and per-record errors (FileError)
//	html.go      the HTML reader: the article body and its metadata
//	jsonl.go     the JSON Lines reader (.jsonl, .jsonl.gz; Reuters-21578 fields)
//	clean.go     Clean: raw text → Document (unwrapped paragraphs, blocks, furniture dropped)
//	meta.go      metadata: title, byline, date, dateline, credits
//	document.go  Document and Block
//	limits.go    the longest text an article may be
package article
