package extract

import (
	"context"
	"errors"
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
		"z_last.html":        readGood, // read as text until the HTML reader exists
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
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), `unknown format "pdf"`) {
		t.Errorf("err = %v", err)
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
