package syntax

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
	"time"
)

func TestLoadRejectsDamage(t *testing.T) {
	if len(embeddedModel) < 1000 {
		t.Skip("no embedded model")
	}
	zr, err := gzip.NewReader(bytes.NewReader(embeddedModel))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	for name, in := range map[string][]byte{
		"empty":      nil,
		"not gzip":   []byte("hello"),
		"truncated":  embeddedModel[:len(embeddedModel)/2],
		"cut raw":    gz(raw[:len(raw)*2/3]),
		"no magic":   gz(raw[5:]),
		"extra byte": gz(append(raw[:len(raw):len(raw)], 0)),
	} {
		if _, err := Load(bytes.NewReader(in)); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

// TestDefaultLoadsOnce checks that Default decodes the model once, fast
// enough, and that it saves back to the embedded bytes.
func TestDefaultLoadsOnce(t *testing.T) {
	start := time.Now()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Default: %v", time.Since(start))
	m2, _ := Default()
	if m != m2 {
		t.Error("Default decoded twice")
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embeddedModel) {
		t.Errorf("saving the loaded model gives %d bytes, embedded file has %d", buf.Len(), len(embeddedModel))
	}
}
