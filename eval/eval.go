package eval

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Records are the JSON Lines records of a kg dump ('kg export --format
// jsonl'), as score.py reads them.
type Records []*pyDict

// Score scores recs against g as score.py does: the figures, and the
// problem lines in the order score.py prints them (with verbose, also the
// asserted facts that match no gold relation).
func Score(g *Gold, recs Records, verbose bool) (Figures, []string) {
	return newScorer(g, verbose).score(recs)
}

// Write prints what score.py prints: one line per problem, then the line of
// figures; with asJSON, only the figures as one JSON object.
func Write(w io.Writer, f Figures, problems []string, asJSON bool) error {
	bw := bufio.NewWriter(w)
	if asJSON {
		fmt.Fprintln(bw, f.JSON())
	} else {
		for _, p := range problems {
			fmt.Fprintln(bw, p)
		}
		fmt.Fprintln(bw, f)
	}
	return bw.Flush()
}

// ParseRecords reads JSON Lines as score.py does: lines split at \n, \r\n
// or \r, blank lines skipped, each other line one JSON object.
func ParseRecords(data []byte) (Records, error) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var recs []*pyDict
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimFunc(line, pyIsSpace)
		if line == "" {
			continue
		}
		v, err := parseJSON([]byte(line))
		if err != nil {
			return nil, fmt.Errorf("line %d: not JSON: %v", i+1, err)
		}
		d, ok := v.(*pyDict)
		if !ok {
			return nil, fmt.Errorf("line %d: not a JSON object", i+1)
		}
		recs = append(recs, d)
	}
	return recs, nil
}
