package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ReadOptions tunes a Reader. The zero value reads every file as text and
// reports nothing.
type ReadOptions struct {
	// Format names the input format: "" picks it by file extension (for now
	// every extension is read as text), "txt" forces plain text.
	Format string
	// Warn, when set, is called for recoverable problems with one input, such
	// as a file that is not valid UTF-8 and was decoded as Windows-1252.
	Warn func(path, msg string)
}

// FileError reports one input that could not be read as an article. The
// Reader moves on to the next input after returning it, so a caller reports
// it and continues.
type FileError struct {
	Path string // the path as given or found while walking a directory; "-" for stdin
	Err  error  // ErrBinary, ErrEmpty, ErrNoText, ErrTooLarge or an *os.PathError cause
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause, so errors.Is(err, ErrBinary) and
// errors.Is(err, fs.ErrNotExist) work on a *FileError.
func (e *FileError) Unwrap() error { return e.Err }

// The reasons a Reader skips an input.
var (
	ErrBinary   = errors.New("binary file, skipped")
	ErrEmpty    = errors.New("empty file, skipped")
	ErrTooLarge = fmt.Errorf("file larger than %d MiB, skipped", readMaxBytes>>20)
)

// readMaxBytes bounds what one input may hold, so a stray disk image in a
// directory cannot exhaust memory.
const readMaxBytes = 64 << 20

// readFormat turns the bytes of one input into documents. A format that holds
// several articles per file (JSON Lines) returns several.
type readFormat func(path string, data []byte, warn func(msg string)) ([]*Document, error)

// readFormats maps a format name to its reader; readExtensions maps a file
// extension to a format name. Extensions not listed are read as "txt".
var (
	readFormats = map[string]readFormat{
		"txt": readText,
	}
	readExtensions = map[string]string{
		".txt": "txt",
	}
)

// Reader reads articles from files, directories and stdin, one Document at a
// time:
//
//	r := extract.NewReader(paths, os.Stdin, extract.ReadOptions{})
//	for {
//		doc, err := r.Next(ctx)
//		if err == io.EOF {
//			break
//		}
//		var fe *extract.FileError
//		if errors.As(err, &fe) {
//			log.Print(fe) // one bad input: report and go on
//			continue
//		}
//		if err != nil {
//			return err
//		}
//		use(doc)
//	}
type Reader struct {
	stdin   io.Reader
	opts    ReadOptions
	paths   []string    // arguments not yet expanded
	queue   []readEntry // files found in the current argument
	pending []*Document // documents decoded but not yet returned
}

// readEntry is one file to read, or an error met while walking to it.
type readEntry struct {
	path string
	err  error
}

// NewReader returns a Reader over paths. "-" means stdin (the document's
// Source is "-"); a directory is walked recursively in lexical order,
// skipping hidden files and directories (names starting with "."), symbolic
// links to directories and anything that is not a regular file.
func NewReader(paths []string, stdin io.Reader, opts ReadOptions) *Reader {
	return &Reader{stdin: stdin, opts: opts, paths: append([]string(nil), paths...)}
}

// Next returns the next document. It returns a *FileError for an input that
// cannot be read (missing, binary, empty, nothing left after cleaning); the
// caller may report it and call Next again. At the end it returns io.EOF; when
// ctx is done, ctx.Err().
func (r *Reader) Next(ctx context.Context) (*Document, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(r.pending) > 0 {
			doc := r.pending[0]
			r.pending = r.pending[1:]
			return doc, nil
		}
		if len(r.queue) == 0 {
			if len(r.paths) == 0 {
				return nil, io.EOF
			}
			p := r.paths[0]
			r.paths = r.paths[1:]
			r.queue = readExpand(p)
			continue
		}
		e := r.queue[0]
		r.queue = r.queue[1:]
		if e.err != nil {
			return nil, &FileError{Path: e.path, Err: e.err}
		}
		docs, err := r.readOne(e.path)
		if err != nil {
			return nil, &FileError{Path: e.path, Err: err}
		}
		r.pending = docs
	}
}

// readOne reads and decodes one file (or stdin for "-").
func (r *Reader) readOne(path string) ([]*Document, error) {
	format, err := r.format(path)
	if err != nil {
		return nil, err
	}
	var data []byte
	if path == "-" {
		if r.stdin == nil {
			return nil, errors.New("no standard input")
		}
		data, err = readLimited(r.stdin)
	} else {
		data, err = readFileLimited(path)
	}
	if err != nil {
		return nil, err
	}
	warn := func(string) {}
	if r.opts.Warn != nil {
		warn = func(msg string) { r.opts.Warn(path, msg) }
	}
	return format(path, data, warn)
}

// format picks the readFormat for path from the options or its extension.
func (r *Reader) format(path string) (readFormat, error) {
	name := r.opts.Format
	if name == "" {
		name = readExtensions[strings.ToLower(filepath.Ext(path))]
		if name == "" {
			name = "txt"
		}
	}
	f, ok := readFormats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want txt)", name)
	}
	return f, nil
}

// readExpand lists the files an argument stands for: itself, or for a
// directory every visible regular file below it in lexical order. Errors are
// entries too, so one unreadable subdirectory does not hide the rest.
func readExpand(p string) []readEntry {
	if p == "-" {
		return []readEntry{{path: p}}
	}
	info, err := os.Stat(p)
	if err != nil {
		return []readEntry{{path: p, err: readCause(err)}}
	}
	if !info.IsDir() {
		return []readEntry{{path: p}}
	}
	var out []readEntry
	walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, readEntry{path: path, err: readCause(err)})
			if d != nil && d.IsDir() && path != p {
				return fs.SkipDir
			}
			return nil
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
				return nil // dangling, or a link to a directory: no loops
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		out = append(out, readEntry{path: path})
		return nil
	})
	if walkErr != nil {
		out = append(out, readEntry{path: p, err: readCause(walkErr)})
	}
	return out
}

// readCause strips the *fs.PathError wrapper (its path is already in the
// FileError), keeping the cause: "no such file or directory".
func readCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func readFileLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readCause(err)
	}
	defer f.Close()
	data, err := readLimited(f)
	return data, readCause(err)
}

func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, readMaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > readMaxBytes {
		return nil, ErrTooLarge
	}
	return data, nil
}

// readText is the "txt" format: one article per file.
func readText(path string, data []byte, warn func(string)) ([]*Document, error) {
	text, err := decodeText(data, warn)
	if err != nil {
		return nil, err
	}
	doc, err := Clean(path, text)
	if err != nil {
		return nil, err
	}
	return []*Document{doc}, nil
}

// decodeText turns the bytes of a text file into a string: UTF-8 as it is
// (without a byte-order mark), UTF-16 with a byte-order mark decoded, and any
// byte that is not part of valid UTF-8 read as Windows-1252, with a warning.
// Line ends and control characters are left to Clean.
func decodeText(data []byte, warn func(string)) (string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ErrEmpty
	}
	if s, ok := decodeUTF16(data); ok {
		warn("UTF-16 with byte-order mark, decoded")
		data = []byte(s)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if looksBinary(data) {
		return "", ErrBinary
	}
	var text string
	if utf8.Valid(data) {
		text = string(data)
	} else {
		var n int
		text, n = decodeWindows1252(data)
		unit := "bytes"
		if n == 1 {
			unit = "byte"
		}
		warn(fmt.Sprintf("not valid UTF-8: %d %s decoded as Windows-1252", n, unit))
	}
	if strings.TrimSpace(text) == "" {
		return "", ErrEmpty
	}
	return text, nil
}

// decodeUTF16 decodes data that starts with a UTF-16 byte-order mark.
func decodeUTF16(data []byte) (string, bool) {
	if len(data) < 2 || len(data)%2 != 0 {
		return "", false
	}
	var big bool
	switch {
	case data[0] == 0xfe && data[1] == 0xff:
		big = true
	case data[0] == 0xff && data[1] == 0xfe:
	default:
		return "", false
	}
	u := make([]uint16, 0, len(data)/2-1)
	for i := 2; i+1 < len(data); i += 2 {
		if big {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return string(utf16.Decode(u)), true
}

// looksBinary reports whether data is not text: it holds a NUL byte, or more
// than one in ten of its first 8 KiB are control characters other than
// white space and escape.
func looksBinary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	sample := data[:min(len(data), 8<<10)]
	ctrl := 0
	for _, c := range sample {
		if (c < 0x20 && !strings.ContainsRune("\t\n\v\f\r\x1b", rune(c))) || c == 0x7f {
			ctrl++
		}
	}
	return ctrl*10 > len(sample)
}

// decodeWindows1252 decodes data as UTF-8 where it is valid and every other
// byte as Windows-1252 (Latin-1 with printable characters in 0x80–0x9F). It
// returns the text and the number of bytes decoded as Windows-1252. The five
// bytes Windows-1252 leaves undefined are dropped.
func decodeWindows1252(data []byte) (string, int) {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	n := 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			n++
			c := data[0]
			switch {
			case c >= 0x80 && c <= 0x9f:
				if r := windows1252[c-0x80]; r != 0 {
					b.WriteRune(r)
				}
			default:
				b.WriteRune(rune(c))
			}
		} else {
			b.Write(data[:size])
		}
		data = data[size:]
	}
	return b.String(), n
}

// windows1252 holds the characters of bytes 0x80–0x9F in Windows-1252; 0 marks
// an undefined byte.
var windows1252 = [32]rune{
	'\u20ac', 0, '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
	'\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', 0, '\u017d', 0,
	0, '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
	'\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', 0, '\u017e', '\u0178',
}
