package article

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const readGood = "Putin hosts Kim\n\nSEOUL (Reuters) - Putin hosted Kim at a space base on Wednesday, officials said.\n"

// readAll drains r, returning one line per result: "ok SOURCE" or
// "err PATH: reason".
func readAll(t *testing.T, r *Reader) (results []string, docs []*Document) {
	t.Helper()
	for i := 0; i < 100; i++ {
		doc, err := r.Next(context.Background())
		if err == io.EOF {
			return results, docs
		}
		var fe *FileError
		switch {
		case errors.As(err, &fe):
			results = append(results, "err "+fe.Error())
		case err != nil:
			t.Fatalf("Next: unexpected error %v", err)
		default:
			checkBlocks(t, doc)
			results = append(results, "ok "+doc.Meta.Source)
			docs = append(docs, doc)
		}
	}
	t.Fatal("Next never returned io.EOF")
	return nil, nil
}

func TestReaderDirectory(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a_good.txt":         readGood,
		"b_empty.txt":        " \n\t\n",
		"c_binary.bin":       "\x7fELF\x02\x01\x01\x00\x00\x00",
		"d_latin1.txt":       "Chelsea sack Mutu\n\nChelsea fined Mutu \xa3600,000 after he failed a drugs test, the club said.\n",
		"e_furniture.txt":    "Send a link to a friend\n|\n",
		".hidden.txt":        readGood,
		".git/config":        readGood,
		"sub/nested/f.txt":   readGood,
		"sub/a_first.txt":    readGood,
		"z_last.html":        "<p>" + readGood + "</p>",
		"sub/.cache/skip.md": readGood,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var warnings []string
	r := NewReader([]string{dir}, nil, ReadOptions{Warn: func(path, msg string) {
		warnings = append(warnings, filepath.Base(path)+": "+msg)
	}})
	got, docs := readAll(t, r)
	j := func(name string) string { return filepath.Join(dir, name) }
	want := []string{
		"ok " + j("a_good.txt"),
		"err " + j("b_empty.txt") + ": empty file, skipped",
		"err " + j("c_binary.bin") + ": binary file, skipped",
		"ok " + j("d_latin1.txt"),
		"err " + j("e_furniture.txt") + ": " + ErrNoText.Error(),
		"ok " + j("sub/a_first.txt"),
		"ok " + j("sub/nested/f.txt"),
		"ok " + j("z_last.html"),
	}
	if !equalStrings(got, want) {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "d_latin1.txt: not valid UTF-8") {
		t.Errorf("warnings = %q, want one about d_latin1.txt", warnings)
	}
	for _, d := range docs {
		if strings.HasSuffix(d.Meta.Source, "d_latin1.txt") && !strings.Contains(d.Text, "fined Mutu £600,000") {
			t.Errorf("Latin-1 text decoded as %q", d.Text)
		}
	}
}

func TestReaderMissingAndStdin(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte(readGood), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	r := NewReader([]string{missing, "-", good}, strings.NewReader("\ufeffStdin headline\r\n\r\nThe body came from standard input, he said.\r\n"), ReadOptions{})

	_, err := r.Next(context.Background())
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != missing || !errors.Is(err, fs.ErrNotExist) ||
		err.Error() != missing+": no such file or directory" {
		t.Fatalf("missing file: err = %v, want a FileError naming %s", err, missing)
	}
	doc, err := r.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Source != "-" || doc.Meta.Title != "Stdin headline" || doc.Body() != "The body came from standard input, he said." {
		t.Errorf("stdin document = %+v %q", doc.Meta, doc.Text)
	}
	if doc, err = r.Next(context.Background()); err != nil || doc.Meta.Source != good {
		t.Errorf("third input: %v, %v", doc, err)
	}
	if _, err = r.Next(context.Background()); err != io.EOF {
		t.Errorf("at the end: err = %v, want io.EOF", err)
	}
}

func TestReaderCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := NewReader([]string{"-"}, strings.NewReader(readGood), ReadOptions{})
	if _, err := r.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestReaderUnknownFormat(t *testing.T) {
	r := NewReader([]string{"-"}, strings.NewReader(readGood), ReadOptions{Format: "pdf"})
	_, err := r.Next(context.Background())
	var fe *FileError
	if errors.As(err, &fe) || !errors.Is(err, ErrUnknownFormat) ||
		err.Error() != `extract: unknown format "pdf" (known formats: html, jsonl, txt)` {
		t.Errorf("err = %v, want ErrUnknownFormat listing the formats, not a FileError", err)
	}
	if got := strings.Join(Formats(), " "); got != "html jsonl txt" {
		t.Errorf("Formats() = %q", got)
	}
}

// TestReaderFormats reads one input with each way of choosing its format.
func TestReaderFormats(t *testing.T) {
	page := "<!doctype html><title>Page title</title><p>The page body, officials said on Monday.</p>"
	line := `{"title": "Line title", "text": "The record body, officials said on Monday."}` + "\n"
	tests := []struct {
		name, format, in, want string
	}{
		{"stdin sniffed as html", "", page, "Page title|The page body, officials said on Monday."},
		{"stdin sniffed as jsonl", "", line, "Line title|The record body, officials said on Monday."},
		{"stdin text", "", readGood, "Putin hosts Kim|SEOUL (Reuters) - Putin hosted Kim at a space base on Wednesday, officials said."},
		{"forced txt", "txt", page, "|<!doctype html><title>Page title</title><p>The page body, officials said on Monday.</p>"},
		{"forced html", "html", "Plain text, he said on Monday evening.", "|Plain text, he said on Monday evening."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader([]string{"-"}, strings.NewReader(tt.in), ReadOptions{Format: tt.format})
			doc, err := r.Next(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Meta.Title + "|" + strings.Join(blockTexts(doc, Body), " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFileError(t *testing.T) {
	if got := (&FileError{Path: "a.jsonl", Line: 7, Err: ErrNoBody}).Error(); got != `a.jsonl:7: record has no "text" or "body" field, skipped` {
		t.Errorf("with a line: %q", got)
	}
	if got := (&FileError{Path: "a.txt", Err: ErrEmpty}).Error(); got != "a.txt: empty file, skipped" {
		t.Errorf("without a line: %q", got)
	}
}

func TestReadDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"26-FEB-1987 15:01:01.79", "1987-02-26"},
		{"5-MAR-1987 09:12:00.00\t\t\tF", "1987-03-05"},
		{"2023-09-14", "2023-09-14"},
		{"2023-09-14T23:30:00-05:00", "2023-09-14"},
		{"2023-09-14 10:00", "2023-09-14"},
		{"September 14, 2023", "2023-09-14"},
		{"14 Sept 2023", "2023-09-14"},
		{"Thu, 14 Sep 2023 10:00:00 GMT", "2023-09-14"},
		{"2023-02-30", ""},
		{"31-FEB-1987 10:00:00.00", ""},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := readDate(tt.in); got != tt.want {
			t.Errorf("readDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name, in, want string
		warn           bool
		err            error
	}{
		{"utf-8", "caf\u00e9 \u201cquoted\u201d", "caf\u00e9 \u201cquoted\u201d", false, nil},
		{"bom", "\xef\xbb\xbfhello", "hello", false, nil},
		{"latin-1 pound", "\xa3600m", "\u00a3600m", true, nil},
		{"windows-1252 quotes and euro", "\x93hi\x94 \x80 \x85", "\u201chi\u201d \u20ac \u2026", true, nil},
		{"mixed utf-8 and latin-1", "caf\u00e9 caf\xe9", "caf\u00e9 caf\u00e9", true, nil},
		{"undefined byte dropped", "a\x81b", "ab", true, nil},
		{"utf-16 with bom", "\xff\xfeh\x00i\x00", "hi", true, nil},
		{"empty", "", "", false, ErrEmpty},
		{"whitespace", " \r\n\t ", "", false, ErrEmpty},
		{"nul", "abc\x00def", "", false, ErrBinary},
		{"control characters", strings.Repeat("\x01\x02\x03a", 10), "", false, ErrBinary},
		{"a few control characters are text", "text\x07 with a bell and an escape \x1b", "text\x07 with a bell and an escape \x1b", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			warned := false
			got, err := decodeText([]byte(tt.in), func(string) { warned = true })
			if got != tt.want || !errors.Is(err, tt.err) || (err == nil && warned != tt.warn) {
				t.Errorf("decodeText(%q) = %q, %v (warned %v); want %q, %v (warn %v)", tt.in, got, err, warned, tt.want, tt.err, tt.warn)
			}
		})
	}
}

func TestCleanDropsControlCharacters(t *testing.T) {
	doc, err := Clean("t.txt", "Head\x07line\n\nBody\x1b text\u200b with\u00a0controls, he said.")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Headline\n\nBody text with controls, he said." {
		t.Errorf("Text = %q", doc.Text)
	}
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("plain"))
	f.Add([]byte("\xa3\x93\x00"))
	f.Add([]byte("\xfe\xff\x00h"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := decodeText(data, func(string) {})
		if err != nil {
			return
		}
		if doc, err := Clean("fuzz", text); err == nil {
			checkBlocks(t, doc)
		}
	})
}

func ExampleReader() {
	in := strings.NewReader(`{"id": "a1", "title": "Storm nears", "date": "September 14, 2023", "text": "MIAMI (AP) - A storm neared the coast on Thursday, forecasters said."}
{"id": "a2", "text": broken}
{"id": "a3", "title": "COCOA REVIEW", "date": "26-FEB-1987 15:01:01.79", "body": "Showers continued throughout the week in\nthe Bahia cocoa zone."}
`)
	r := NewReader([]string{"-"}, in, ReadOptions{})
	defer r.Close()
	for {
		doc, err := r.Next(context.Background())
		if err == io.EOF {
			break
		}
		var fe *FileError
		if errors.As(err, &fe) {
			fmt.Println("skipped:", fe)
			continue
		}
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %s, %s, %s\n", doc.Meta.Source, doc.Meta.Title, doc.Meta.Date, doc.Body())
	}
	// Output:
	// -#a1: Storm nears, 2023-09-14, MIAMI (AP) - A storm neared the coast on Thursday, forecasters said.
	// skipped: -:2: invalid JSON, skipped: invalid character 'b' looking for beginning of value
	// -#a3: COCOA REVIEW, 1987-02-26, Showers continued throughout the week in the Bahia cocoa zone.
}
