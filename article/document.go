package article

import "kg/schema"

// BlockKind says what part of an article a block of text is.
type BlockKind string

// The block kinds. Only Body and Caption blocks are searched for facts;
// Headline and Subtitle blocks for entities and facts too, but never for
// quotes; the others carry metadata.
const (
	Headline BlockKind = "headline"
	Subtitle BlockKind = "subtitle"
	Byline   BlockKind = "byline"
	Dateline BlockKind = "dateline" // a date line such as "[September 14, 2023]"
	Body     BlockKind = "body"
	Caption  BlockKind = "caption"
	Credits  BlockKind = "credits" // "(Reporting by …; Editing by …)"
)

// Block is one paragraph-like unit of a cleaned article. Start and End are
// byte offsets into Document.Text (end exclusive), so
// doc.Text[b.Start:b.End] is the block's text.
type Block struct {
	Kind  BlockKind
	Start int
	End   int
}

// Document is one article after reading and cleaning: its metadata and its
// cleaned text, cut into blocks. Every offset kg reports (mentions, evidence,
// quotes) is a byte offset into Text.
type Document struct {
	Meta   schema.Document // metadata; Meta.ID is set from the body blocks
	Text   string          // cleaned text: the blocks joined by blank lines
	Blocks []Block
}

// Body returns the text of the document's body blocks joined by blank lines:
// what the document id hashes.
func (d *Document) Body() string {
	var out []byte
	for _, b := range d.Blocks {
		if b.Kind != Body {
			continue
		}
		if len(out) > 0 {
			out = append(out, '\n', '\n')
		}
		out = append(out, d.Text[b.Start:b.End]...)
	}
	return string(out)
}

// BlockText returns the text of block b.
func (d *Document) BlockText(b Block) string { return d.Text[b.Start:b.End] }
