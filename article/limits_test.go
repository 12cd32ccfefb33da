package article

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanTextTooLong(t *testing.T) {
	if _, err := Clean("big.txt", strings.Repeat("word ", maxRawTextBytes/5+1)); !errors.Is(err, ErrTextTooLong) {
		t.Errorf("Clean of a huge text: %v, want ErrTextTooLong", err)
	}
}
