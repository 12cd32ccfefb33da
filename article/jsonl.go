package article

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"kg/schema"
)

// jsonlMaxLine bounds one line of a JSON Lines input: one article.
const jsonlMaxLine = 16 << 20

// jsonlRecord is one line of a JSON Lines input. Fields other than these
// are ignored. Field names match case-insensitively (encoding/json).
//
//	{"id": "a1", "title": "…", "date": "2023-09-14", "url": "…", "author": "…",
//	 "dateline": "SEOUL (Reuters) -", "publisher": "…", "text": "…"}
//
// Reuters-21578 (../shared/corpus/reuters21578.jsonl.gz) has "newid",
// "lewissplit", "date" ("26-FEB-1987 15:01:01.79"), "title" (in capitals),
// "dateline" ("SALVADOR, Feb 26 -"), "topics" and "body". Its "topics" and
// "lewissplit" have no place in schema.Document and are not kept.
type jsonlRecord struct {
	Text      jsonlValue `json:"text"`
	Body      jsonlValue `json:"body"`
	ID        jsonlValue `json:"id"`
	NewID     jsonlValue `json:"newid"`
	Title     jsonlValue `json:"title"`
	Date      jsonlValue `json:"date"`
	URL       jsonlValue `json:"url"`
	Author    jsonlValue `json:"author"`
	Dateline  jsonlValue `json:"dateline"`
	Publisher jsonlValue `json:"publisher"`
}

// jsonlValue is a field that should be a string but may be a number (an
// id), an array (several authors, or paragraphs of a text: joined by blank
// lines) or null.
type jsonlValue string

func (v *jsonlValue) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0 || bytes.Equal(data, []byte("null")):
		*v = ""
	case data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*v = jsonlValue(s)
	case data[0] == '[':
		var list []jsonlValue
		if err := json.Unmarshal(data, &list); err != nil {
			return err
		}
		parts := make([]string, 0, len(list))
		for _, s := range list {
			if strings.TrimSpace(string(s)) != "" {
				parts = append(parts, string(s))
			}
		}
		*v = jsonlValue(strings.Join(parts, "\n\n"))
	case data[0] == '{':
		return errors.New("want a string, got an object")
	default: // a number or a boolean: its literal text
		*v = jsonlValue(data)
	}
	return nil
}

// first returns the first of several values (joined by blank lines).
func (v jsonlValue) first() string {
	s, _, _ := strings.Cut(string(v), "\n\n")
	return strings.TrimSpace(s)
}

// jsonlStream reads a JSON Lines input one record at a time.
type jsonlStream struct {
	path    string
	in      *bufio.Reader
	warn    func(string)
	line    int    // lines read so far
	records int    // non-blank lines read so far
	started bool   // the head was checked for binary data
	done    bool   // the end was reported
	buf     []byte // the current line, reused
}

// readJSONL is the "jsonl" format: one article per line (see jsonlRecord),
// blank lines skipped. A line that is not a JSON object, has no "text" or
// "body", or has nothing left after cleaning is a *FileError with its line
// number; the lines after it are read. The text is cleaned like a .txt file
// (unwrapping, furniture, captions, credits), but the metadata fields win
// over what Clean finds, and when the record has a title the text is not
// searched for a headline. The document's Source is "PATH#ID" when the
// record has an "id" (or Reuters' "newid"), else "PATH:LINE".
func readJSONL(path string, in *bufio.Reader, warn func(string)) readNext {
	s := &jsonlStream{path: path, in: in, warn: warn}
	return s.next
}

func (s *jsonlStream) next() (*Document, error) {
	if s.done {
		return nil, io.EOF
	}
	if !s.started {
		s.started = true
		if head, _ := s.in.Peek(8 << 10); looksBinary(head) {
			s.done = true
			return nil, ErrBinary
		}
	}
	for {
		line, err := s.readLine()
		switch {
		case err == io.EOF:
			s.done = true
			if s.records == 0 {
				return nil, ErrEmpty
			}
			return nil, io.EOF
		case errors.Is(err, ErrLineTooLong):
			s.records++
			return nil, &FileError{Path: s.path, Line: s.line, Err: err}
		case err != nil: // a read or gzip error: the input ends here
			s.done = true
			return nil, &FileError{Path: s.path, Line: s.line + 1, Err: err}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		s.records++
		doc, err := s.record(line)
		if err != nil {
			return nil, &FileError{Path: s.path, Line: s.line, Err: err}
		}
		return doc, nil
	}
}

// readLine returns the next line without its line end, ErrLineTooLong for
// a line longer than jsonlMaxLine (which is skipped), or io.EOF.
func (s *jsonlStream) readLine() ([]byte, error) {
	s.buf = s.buf[:0]
	long := false
	for {
		chunk, err := s.in.ReadSlice('\n')
		if !long && len(s.buf)+len(chunk) > jsonlMaxLine+2 { // +2: "\r\n"
			long, s.buf = true, s.buf[:0]
		}
		if !long {
			s.buf = append(s.buf, chunk...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			if len(s.buf) == 0 && !long {
				return nil, io.EOF
			}
		case err != nil:
			return nil, err
		}
		s.line++
		if long {
			return nil, ErrLineTooLong
		}
		return bytes.TrimRight(s.buf, "\r\n"), nil
	}
}

// record turns one line into a Document.
func (s *jsonlStream) record(line []byte) (*Document, error) {
	if !utf8.Valid(line) {
		text, n := decodeWindows1252(line)
		line = []byte(text)
		unit := "bytes"
		if n == 1 {
			unit = "byte"
		}
		s.warn(fmt.Sprintf("line %d: not valid UTF-8: %d %s decoded as Windows-1252", s.line, n, unit))
	}
	line = bytes.TrimPrefix(line, []byte("\ufeff"))
	var rec jsonlRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field == "" {
			return nil, errors.New("not a JSON object, skipped")
		}
		return nil, fmt.Errorf("invalid JSON, skipped: %w", err)
	}
	text := string(rec.Text)
	if strings.TrimSpace(text) == "" {
		text = string(rec.Body)
	}
	if strings.TrimSpace(text) == "" {
		return nil, ErrNoBody
	}
	known := schema.Document{URL: rec.URL.first(), Author: jsonlAuthor(rec.Author)}
	if d := rec.Date.first(); d != "" {
		if known.Date = readDate(d); known.Date == "" {
			s.warn(fmt.Sprintf("line %d: date %q not understood, ignored", s.line, d))
		}
	}
	known.Dateline, known.Publisher = jsonlDateline(rec.Dateline.first())
	if p := rec.Publisher.first(); p != "" {
		known.Publisher = p
	}
	if known.Publisher == "" && rec.NewID != "" {
		known.Publisher = "Reuters" // Reuters-21578
	}
	source := s.path + ":" + strconv.Itoa(s.line)
	if id := cmp.Or(rec.ID.first(), rec.NewID.first()); id != "" {
		source = s.path + "#" + id
	}
	return cleanText(source, text, cleanKnown{meta: known, title: rec.Title.first()})
}

// jsonlAuthor returns the first name in an author field: "By Ann Lee and
// Bo Park" and ["Ann Lee", "Bo Park"] → "Ann Lee".
func jsonlAuthor(v jsonlValue) string {
	for _, s := range strings.Split(string(v), "\n\n") {
		if names := metaBylineNames(s); len(names) > 0 {
			return names[0]
		}
	}
	return ""
}

// jsonlDatelineDate is the date after a place in a dateline without a comma.
var jsonlDatelineDate = regexp.MustCompile(`\s+` + metaMonthExpr + `\.?\s+\d`)

// jsonlDateline returns the place and agency of a dateline field:
// "SEOUL (Reuters) -" → "Seoul", "Reuters"; Reuters-21578's
// "SALVADOR, Feb 26 -" and "Toronto, Feb 26 -" → "Salvador", "Toronto".
func jsonlDateline(s string) (place, agency string) {
	if s == "" {
		return "", ""
	}
	if place, agency = metaDateline(s + " "); place != "" {
		return place, agency
	}
	place, _, _ = strings.Cut(s, ",")
	place, _, _ = strings.Cut(place, " - ")
	if loc := jsonlDatelineDate.FindStringIndex(place); loc != nil {
		place = place[:loc[0]] // "JOHANNESBURG March 13 -"
	}
	place = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(place), "-–—"))
	if strings.IndexFunc(place, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
		return "", "" // a date, not a place
	}
	if strings.ToUpper(place) == place {
		place = metaTitleCase(place)
	}
	return place, ""
}
