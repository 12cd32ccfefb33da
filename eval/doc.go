// Package eval is kg's scorer: a port of ../shared/eval/score.py that reads
// the same gold files (ParseGold) and JSON Lines records (ParseRecords) and
// gives the same figures and problem lines (Score, Write), so that 'kg eval'
// and score.py agree figure for figure.
//
//	eval.go    the entry points
//	score.go   gold files and the scoring passes, named after score.py's functions
//	python.go  the Python semantics the port needs (JSON as Python reads it, str, repr, lower, \w)
package eval
