package graph

import (
	"context"
	"strings"
	"testing"
)

// FuzzImport checks that Import never panics, and that whatever it accepts
// exports to N-Quads that import back into the same export.
func FuzzImport(f *testing.F) {
	s := mustOpen(f, Options{Path: MemoryPath})
	writeAll(f, s, fixture())
	f.Add(exportString(f, s, "nquads"))
	for _, seed := range []string{
		"<a> <b> <c> .\n",
		"<a> <b> \"text\"@en <g> .\n# comment\n\n",
		"_:x <p> \"3\"^^<http://schema.org/Integer> .\n",
		"<a> <b> \"unterminated .\n",
		"<a> <b> .\n",
		"\"lit\" <p> <o> .\n",
		"<a> <b> \"tab\\t\\u00e9\\n\" .\r\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ctx := context.Background()
		s := mustOpen(t, Options{Path: MemoryPath})
		if _, err := s.Import(ctx, strings.NewReader(in)); err != nil {
			return // a clean error is fine
		}
		dump := exportString(t, s, "nquads")
		again := mustOpen(t, Options{Path: MemoryPath})
		if _, err := again.Import(ctx, strings.NewReader(dump)); err != nil {
			t.Fatalf("the export of an import does not import: %v\ninput %q\nexport %q", err, in, dump)
		}
		if got := exportString(t, again, "nquads"); got != dump {
			t.Fatalf("round trip changed the export:\ninput %q\nfirst %q\nthen  %q", in, dump, got)
		}
	})
}
