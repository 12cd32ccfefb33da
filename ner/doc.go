// Package ner is kg's named-entity tagger: an averaged structured
// perceptron over BILOU labels with first-order Viterbi decoding, trained
// on CoNLL-2003 English. It labels the words of a document's sentences with
// IOB2 entity labels (B-PER, I-ORG, B-LOC, B-MISC, O).
//
//	model.go     Model, Default (the embedded model, decoded once), TagDocument, the model file format
//	features.go  hashed features: word shape, affixes, context, gazetteer lists, document case
//	train.go     the perceptron trainer (deterministic), conlleval scores
//	conll.go     CoNLL-format reading and writing
//	run.go       Train and TagCoNLL: the entry points of 'kg train ner' and 'kg extract --format conll'
//
// The gazetteer lists the model uses as features are given to Train by the
// caller (TrainOptions.Lists) and kept in the model file, so tagging needs
// nothing but the model.
package ner
