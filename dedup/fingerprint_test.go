package dedup

import (
	"strings"
	"testing"

	"kg/schema"
)

func TestFingerprintWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S.-led sanctions", "us led sanctions"},
		{"Don’t say “never”—again", "dont say never again"},
		{"1,000 people, 3.5 pct.", "1000 people 35 pct"},
		{"North Korea's leader", "north koreas leader"},
		{"their defence ministers", "their defense ministers"},
		{"signalling and signaling", "signaling and signaling"},
		{"neighbouring Poland", "neighboring poland"},
		{"paralysed, penalise, organisation, analysing", "paralyzed penalize organization analyzing"},
		{"licence, offences, travelled, cancelled, traveller", "license offenses traveled canceled traveler"},
		{"the centre of the theatres, a programme, the catalogue", "the center of the theaters a program the catalog"},
		{"colour, favourite, honourable, labour, four hours, your tour", "color favorite honorable labor four hours your tour"},
		{"whilst grey tyres, aluminium", "while gray tires aluminum"},
		{"Café São Paulo Zürich", "cafe sao paulo zurich"},
		{"ﬁnance Encyclopædia straße", "finance encyclopaedia strasse"},
		{"ＦＵＬＬ width", "full width"},
		{"", ""},
		{"... --- |", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(fingerprintWords(tt.in), " "); got != tt.want {
			t.Errorf("fingerprintWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLatinFold(t *testing.T) {
	if len(latinFold) != 0x100-0xc0 {
		t.Fatalf("latinFold has %d entries, want %d", len(latinFold), 0x100-0xc0)
	}
}

func TestFingerprintEmpty(t *testing.T) {
	if sig := Fingerprint(" ... "); sig != nil {
		t.Errorf("Fingerprint of no words = %v, want nil", sig)
	}
	words := strings.Repeat("word ", fingerprintMinWords-1)
	if sig := Fingerprint(words); sig != nil {
		t.Errorf("Fingerprint of %d words = %v, want nil (too short to tell)", fingerprintMinWords-1, sig[:2])
	}
	if sig := Fingerprint(words + "more"); len(sig) != schema.SignatureSize {
		t.Errorf("Fingerprint of %d words has %d values, want %d", fingerprintMinWords, len(sig), schema.SignatureSize)
	}
}

// A story written for this test, a lightly edited copy of it (another
// spelling, hard-wrapped, with page furniture and a caption), and a
// different story on the same topic.
const (
	dupStory = `Harbour council approves flood defence plan

By Mara Quinn

PORTVALE (Reuters) - The Portvale harbour council on Tuesday approved a 40 million pound flood defence plan after two winters in which the sea wall failed, the council's chairman said.

The plan, which must still be authorised by the regional government, would raise the wall by a metre along the centre of the town and build pumping stations in three low-lying neighbourhoods.

"We have been signalling for years that the old wall would not hold," chairman Tomas Reyes told reporters. "Now we finally have a programme that matches the risk."

Residents who were travelling during the last storm returned to find their ground floors flooded, and insurers have since cancelled dozens of policies in the harbour district.

Work is due to begin in the spring and to take three years, the council said. Critics say the licence given to the builder was rushed and that the costs have not been analysed independently.

(Reporting by Mara Quinn; Editing by Paul Hart)`

	dupEdited = `Harbor council approves flood defense plan
Send a link to a friend
By Mara Quinn
PORTVALE (Reuters) - The Portvale harbor council on Tuesday approved a
40 million pound flood defense plan after two winters in which the sea
wall failed, the council’s chairman said.
The plan, which must still be authorized by the regional government,
would raise the wall by a meter along the center of the town and build
pumping stations in three low-lying neighborhoods.
[to top of second column]
|
“We have been signaling for years that the old wall would not hold,”
chairman Tomas Reyes told reporters. “Now we finally have a program
that matches the risk.”
Residents who were traveling during the last storm returned to find
their ground floors flooded, and insurers have since canceled dozens of
policies in the harbor district.
Work is due to begin in the spring and to take three years, the council
said. Critics say the license given to the builder was rushed and that
the costs have not been analyzed independently.
(Reporting by Mara Quinn; Editing by Paul Hart)
[© 2024 Thomson Reuters. All rights reserved.]`

	dupOther = `Portvale residents sue council over flood damage

By Lena Ortiz

PORTVALE (Reuters) - Forty residents of Portvale's harbour district sued the town council on Friday, saying it ignored years of warnings that the sea wall would fail and left their homes exposed to the winter floods.

The lawsuit, filed in the regional court, seeks damages for ground floors flooded in the last storm and for insurance policies that were cancelled afterwards.

"The council knew the wall would not hold and did nothing," said Ana Blum, a lawyer for the residents. The council's chairman, Tomas Reyes, declined to comment on the case but said a flood defence plan approved this week would protect the district.

The court is expected to hear the case next year.

(Reporting by Lena Ortiz; Editing by Paul Hart)`
)

func BenchmarkFingerprint(b *testing.B) {
	body := strings.Repeat(dupStory+"\n\n", 3) // ~500 words
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Fingerprint(body)
	}
}
