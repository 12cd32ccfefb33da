package article

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// ReadOptions tunes a Reader. The zero value picks each input's format by
// its name and reports nothing.
type ReadOptions struct {
	// Format names the input format (see Formats): "txt", "html" or
	// "jsonl". "" picks it by file extension (.txt, .html/.htm,
	// .jsonl/.ndjson, each perhaps followed by .gz) and for stdin and other
	// extensions by the first bytes (an HTML tag, a JSON object, else text).
	// An unknown name makes Next fail with ErrUnknownFormat.
	Format string
	// Warn, when set, is called for recoverable problems with one input, such
	// as a file that is not valid UTF-8 and was decoded as Windows-1252.
	Warn func(path, msg string)
}

// FileError reports one input, or one record of a multi-article input (a
// line of a JSON Lines file), that could not be read as an article. The
// Reader moves on after returning it — to the next record or the next
// input — so a caller reports it and continues.
type FileError struct {
	Path string // the path as given or found while walking a directory; "-" for stdin
	Line int    // the 1-based line of the bad record in a JSON Lines input; 0 for a whole input
	Err  error  // ErrBinary, ErrEmpty, ErrNoText, ErrTooLarge, ErrNoBody, ErrLineTooLong, an *os.PathError cause or a JSON syntax error
}

// Error returns "PATH: reason", or "PATH:LINE: reason" for one record.
func (e *FileError) Error() string {
	if e.Line > 0 {
		return e.Path + ":" + strconv.Itoa(e.Line) + ": " + Cause(e.Err).Error()
	}
	return e.Path + ": " + Cause(e.Err).Error()
}

// Unwrap returns the cause, so errors.Is(err, ErrBinary) and
// errors.Is(err, fs.ErrNotExist) work on a *FileError.
func (e *FileError) Unwrap() error { return e.Err }

// The reasons a Reader skips an input or a record.
var (
	ErrBinary        = errors.New("binary file, skipped")
	ErrEmpty         = errors.New("empty file, skipped")
	ErrTooLarge      = fmt.Errorf("file larger than %d MiB, skipped", readMaxBytes>>20)
	ErrNoBody        = errors.New(`record has no "text" or "body" field, skipped`)
	ErrLineTooLong   = fmt.Errorf("line longer than %d MiB, skipped", jsonlMaxLine>>20)
	ErrUnknownFormat = errors.New("extract: unknown format")
)

// readMaxBytes bounds what one whole-file input (text, HTML; after gzip
// decompression) may hold, so a stray disk image in a directory cannot
// exhaust memory. JSON Lines inputs are streamed and bounded per line.
const readMaxBytes = 64 << 20

// readNext yields the documents of one input one at a time. It returns
// (doc, nil) for a document; (nil, *FileError) for one bad record, after
// which the input goes on (a stream that cannot go on returns io.EOF on the
// next call); (nil, io.EOF) at the end. Any other error ends the input: the
// Reader reports it as a *FileError for the whole input.
type readNext func() (*Document, error)

// readFormat opens a stream of documents over one decompressed input. A
// format that holds one article per file reads all of in on the first call
// (readWhole); a format that holds several (JSON Lines) reads one record per
// call, so memory is bounded by the largest record, not by the file.
type readFormat func(path string, in *bufio.Reader, warn func(msg string)) readNext

// readFormats maps a format name to its reader; readExtensions maps a file
// extension (after a ".gz" is removed) to a format name. Other extensions
// are sniffed (readSniff).
var (
	readFormats = map[string]readFormat{
		"txt":   readWhole(readText),
		"html":  readWhole(readHTML),
		"jsonl": readJSONL,
	}
	readExtensions = map[string]string{
		".txt":    "txt",
		".text":   "txt",
		".html":   "html",
		".htm":    "html",
		".xhtml":  "html",
		".jsonl":  "jsonl",
		".ndjson": "jsonl",
	}
)

// Formats returns the names ReadOptions.Format accepts, sorted.
func Formats() []string {
	names := make([]string, 0, len(readFormats))
	for name := range readFormats {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Reader reads articles from files, directories and stdin, one Document at a
// time. Inputs are streamed: a JSON Lines file of any size is read one line
// at a time, and a bad line is reported as its own *FileError (with Line
// set) while the rest of the file is read.
//
//	r := extract.NewReader(paths, os.Stdin, extract.ReadOptions{})
//	defer r.Close()
//	for {
//		doc, err := r.Next(ctx)
//		if err == io.EOF {
//			break
//		}
//		var fe *extract.FileError
//		if errors.As(err, &fe) {
//			log.Print(fe) // one bad input or record: report and go on
//			continue
//		}
//		if err != nil {
//			return err
//		}
//		use(doc)
//	}
type Reader struct {
	stdin io.Reader
	opts  ReadOptions
	err   error       // a mistake in opts: every Next returns it
	paths []string    // arguments not yet expanded
	queue []readEntry // files found in the current argument
	cur   *readInput  // the input being read, or nil
}

// readInput is one open input.
type readInput struct {
	path   string
	next   readNext
	closer io.Closer // nil for stdin
}

// readEntry is one file to read, or an error met while walking to it.
type readEntry struct {
	path string
	err  error
}

// NewReader returns a Reader over paths. "-" means stdin (the document's
// Source is "-"); a directory is walked recursively in lexical order,
// skipping hidden files and directories (names starting with "."), symbolic
// links to directories and anything that is not a regular file. A gzip
// compressed input (by a ".gz" extension or its magic bytes) is
// decompressed.
func NewReader(paths []string, stdin io.Reader, opts ReadOptions) *Reader {
	r := &Reader{stdin: stdin, opts: opts, paths: append([]string(nil), paths...)}
	if _, ok := readFormats[opts.Format]; opts.Format != "" && !ok {
		r.err = fmt.Errorf("%w %q (known formats: %s)", ErrUnknownFormat, opts.Format, strings.Join(Formats(), ", "))
	}
	return r
}

// Next returns the next document. It returns a *FileError for an input or a
// record that cannot be read (missing, binary, empty, invalid JSON, nothing
// left after cleaning); the caller may report it and call Next again. At the
// end it returns io.EOF; when ctx is done, ctx.Err(); when the options name
// an unknown format, an error wrapping ErrUnknownFormat.
func (r *Reader) Next(ctx context.Context) (*Document, error) {
	if r.err != nil {
		return nil, r.err
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if r.cur != nil {
			doc, err := r.cur.next()
			if err == nil {
				return doc, nil
			}
			path := r.cur.path
			var fe *FileError
			if errors.As(err, &fe) {
				return nil, fe // one record; the input goes on
			}
			r.closeInput()
			if err == io.EOF {
				continue
			}
			return nil, &FileError{Path: path, Err: Cause(err)}
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
		in, err := r.open(e.path)
		if err != nil {
			return nil, &FileError{Path: e.path, Err: Cause(err)}
		}
		r.cur = in
	}
}

// Close closes the input being read, if any. A Reader read to io.EOF holds
// no open file; Close is for a caller that stops early.
func (r *Reader) Close() error {
	var err error
	if r.cur != nil && r.cur.closer != nil {
		err = r.cur.closer.Close()
	}
	r.cur = nil
	return err
}

// closeInput closes the input being read; a read-only file has nothing
// worth reporting on close.
func (r *Reader) closeInput() { _ = r.Close() }

// open opens one file (or stdin for "-"), decompresses it when it is gzip
// data and picks its format.
func (r *Reader) open(path string) (*readInput, error) {
	in := &readInput{path: path}
	var src io.Reader
	if path == "-" {
		if r.stdin == nil {
			return nil, errors.New("no standard input")
		}
		src = r.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		src, in.closer = f, f
	}
	br := bufio.NewReaderSize(src, 64<<10)
	name := strings.ToLower(path)
	if magic, _ := br.Peek(2); strings.HasSuffix(name, ".gz") || bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			if in.closer != nil {
				in.closer.Close()
			}
			return nil, fmt.Errorf("not readable as gzip: %w", err)
		}
		zr.Multistream(true)
		in.closer = readClosers{zr, in.closer}
		br = bufio.NewReaderSize(zr, 64<<10)
		name = strings.TrimSuffix(name, ".gz")
	}
	format := r.opts.Format
	if format == "" {
		format = readExtensions[filepath.Ext(name)]
	}
	if format == "" {
		head, _ := br.Peek(512)
		format = readSniff(head)
	}
	warn := func(string) {}
	if r.opts.Warn != nil {
		warn = func(msg string) { r.opts.Warn(path, msg) }
	}
	in.next = readFormats[format](path, br, warn)
	return in, nil
}

// readClosers closes a decompressor and then the file under it.
type readClosers struct{ zr, file io.Closer }

func (c readClosers) Close() error {
	err := c.zr.Close()
	if c.file != nil {
		if ferr := c.file.Close(); err == nil {
			err = ferr
		}
	}
	return err
}

// readSniff names the format of an input whose name does not tell: "html"
// when it starts with an HTML tag, doctype or comment, "jsonl" when it
// starts with a JSON object, else "txt".
func readSniff(head []byte) string {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) > 0 && head[0] == '{' {
		return "jsonl"
	}
	lower := bytes.ToLower(head)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<!--", "<meta", "<p>", "<div"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return "html"
		}
	}
	return "txt"
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
		return []readEntry{{path: p, err: Cause(err)}}
	}
	if !info.IsDir() {
		return []readEntry{{path: p}}
	}
	var out []readEntry
	walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, readEntry{path: path, err: Cause(err)})
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
		out = append(out, readEntry{path: p, err: Cause(walkErr)})
	}
	return out
}

// Cause is the cause of a file error without the path an *fs.PathError
// repeats ("no such file or directory", not "open x.txt: no such file …").
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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

// readWhole makes a readFormat of a function that reads a whole input (at
// most readMaxBytes) as one article.
func readWhole(read func(path string, data []byte, warn func(string)) (*Document, error)) readFormat {
	return func(path string, in *bufio.Reader, warn func(string)) readNext {
		done := false
		return func() (*Document, error) {
			if done {
				return nil, io.EOF
			}
			done = true
			data, err := readLimited(in)
			if err != nil {
				return nil, err
			}
			return read(path, data, warn)
		}
	}
}

// readText is the "txt" format: one article per file.
func readText(path string, data []byte, warn func(string)) (*Document, error) {
	text, err := decodeText(data, warn)
	if err != nil {
		return nil, err
	}
	return Clean(path, text)
}

// readDateReuters is Reuters-21578's date: "26-FEB-1987 15:01:01.79".
var readDateReuters = regexp.MustCompile(`^(\d{1,2})-([A-Za-z]{3})-(\d{4})\b`)

// readDateISO is an ISO 8601 date, perhaps with a time: RFC 3339
// ("2023-09-14T10:00:00Z"), "2023-09-14 10:00". The date is taken as
// written, in the publisher's time zone.
var readDateISO = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)`)

// readDateLayouts are other date forms found in metadata.
var readDateLayouts = []string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2006/01/02", "20060102",
}

// readDate returns the ISO form (YYYY-MM-DD) of a date from metadata: ISO
// 8601 / RFC 3339, Reuters-21578's "26-FEB-1987 15:01:01.79", the forms
// of a date line ("September 14, 2023", "14 Sept 2023") and RFC 1123; ""
// when s is none of them.
func readDate(s string) string {
	s = strings.TrimSpace(s)
	var year, day int
	var month time.Month
	if m := readDateISO.FindStringSubmatch(s); m != nil {
		year, month, day = metaAtoi(m[1]), time.Month(metaAtoi(m[2])), metaAtoi(m[3])
	} else if m := readDateReuters.FindStringSubmatch(s); m != nil {
		year, month, day = metaAtoi(m[3]), metaMonthNames[strings.ToLower(m[2])], metaAtoi(m[1])
	} else if d, ok := metaParseDate(s); ok {
		return d
	} else {
		for _, layout := range readDateLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t.Format(time.DateOnly)
			}
		}
		return ""
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day || year < 1000 {
		return ""
	}
	return t.Format(time.DateOnly)
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
