package dedup

import (
	"strings"
	"testing"
)

func TestKeyTokens(t *testing.T) {
	tests := []struct {
		name, in       string
		names, numbers string
	}{
		{"multipliers", "It arranged 1.5 billion dlrs, then 1,500 mln dlrs, then £1.5bn and $300m.",
			"", "1500000000 300000000"},
		{"spelled multiplier", "It arranged two billion dlrs of customer repurchase agreements.", "", "2000000000"},
		{"hyphenated multiplier", "It approved a 50-mln-dlr budget and a 50 mln dlrs one.", "", "50000000"},
		{"decimals and zeros", "Sales were 119.0 mln vs 67.60 mln; shares 007 and 0.50.", "", "0.5 119000000 67600000 7"},
		{"fractions", "Federal funds traded at 6-3/16 pct, then 6-1/4 and 1/8.", "", "1/8 6-1/4 6-3/16"},
		{"suffixes", "In the 1980s, the 5th and 10am.", "", "10 1980 5"},
		{"spelled numbers", "Seventeen miners and 17 others; three to two, one of them.", "", "17 2 3"},
		{"sentence starts", "Shares rose. Dealers said the Federal Reserve and the Fed acted.\n\nAnalysts agreed with Smith.",
			"fed federal reserve smith", ""},
		{"abbreviations", "The U.S. Government and Mr. Baker of Chevron Corp. Texaco met.", "baker chevron corp government texaco us", ""},
		{"possessive and accents", "He met Reuters' editor and Zürich's mayor at Café Noir.", "cafe noir reuters zurich", ""},
		{"function words", "It said that The Economist and This Morning ran it.", "economist morning", ""},
		{"quotation", `He said: "We will" and "Never again," said Jones.`, "jones", ""},
		{"dateline", "SEOUL (Reuters) - Whatever emerges, Kim Jong Un gains.", "jong kim reuters un", ""},
		{"indented paragraph", "Net profit rose\n    Revenues fell at Acme.", "acme", ""},
		{"all capitals", "THE FEDERAL RESERVE SAID IT ADDED 1.5 BILLION DLRS AT 6-1/4 PCT.", "", "1500000000 6-1/4"},
		{"none", "", "", ""},
	}
	for _, tt := range tests {
		names, numbers := keyTokens(tt.in)
		if got := strings.Join(names, " "); got != tt.names {
			t.Errorf("%s: names %q, want %q", tt.name, got, tt.names)
		}
		if got := strings.Join(numbers, " "); got != tt.numbers {
			t.Errorf("%s: numbers %q, want %q", tt.name, got, tt.numbers)
		}
	}
}

func TestCanonicalNumber(t *testing.T) {
	tests := []struct {
		whole, frac string
		shift       int
		want        string
	}{
		{"1", "5", 9, "1500000000"},
		{"1500", "", 6, "1500000000"},
		{"0", "25", 1, "2.5"},
		{"0", "125", 2, "12.5"},
		{"007", "500", 0, "7.5"},
		{"", "5", 0, "0.5"},
		{"0", "", 3, "0"},
	}
	for _, tt := range tests {
		if got := canonicalNumber(tt.whole, tt.frac, tt.shift); got != tt.want {
			t.Errorf("canonicalNumber(%q, %q, %d) = %q, want %q", tt.whole, tt.frac, tt.shift, got, tt.want)
		}
	}
}

// Reports from one template: the same words with other figures or names.
const (
	fedMonday = `The Federal Reserve entered the U.S. Government securities market to arrange 1.5 billion dlrs of customer repurchase agreements, a Fed spokesman said.
    Dealers said Federal funds were trading at 6-3/16 pct when the Fed began its temporary and indirect supply of reserves to the banking system.`
	fedTuesday = `The Federal Reserve entered the U.S. Government securities market to arrange two billion dlrs of customer repurchase agreements, a Fed spokesman said.
    Dealers said Federal funds were trading at 6-3/16 pct when the Fed began its temporary and indirect supply of reserves to the banking system.`
	fedResent = `The Federal Reserve entered the U.S. Government securities market to arrange 1,500 mln dlrs of customer repurchase agreements, a Fed spokesman said.
    Dealers said Federal funds were trading at 6-3/16 pct when the Fed began its temporary and indirect supply of reserves to the banking system, they added.`
	contractA = `Acme Corp's Acme Aerospace Systems unit and its partner Boreal Dynamics of Tulsa are being awarded a contract for jet fuel by the Pentagon, the agency said.
    It said work on the contract, which was awarded as part of a multi-contract procurement program, is expected to be completed in the spring, and that bids for the work were solicited from suppliers across the country before the award was made. The work will be paid for from funds of the current fiscal year, which will expire at its end.`
	contractB = `Zenith Inc's Zenith Refining and Marketing unit and its partner Calder Petroleum of Houston are being awarded a contract for jet fuel by the Pentagon, the agency said.
    It said work on the contract, which was awarded as part of a multi-contract procurement program, is expected to be completed in the spring, and that bids for the work were solicited from suppliers across the country before the award was made. The work will be paid for from funds of the current fiscal year, which will expire at its end.`
)

func TestFingerprintTemplates(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		dup  bool
	}{
		{"another day's figure", fedMonday, fedTuesday, false},
		{"the same report resent", fedMonday, fedResent, true},
		{"another company", contractA, contractB, false},
		{"a story and its edited copy", dupStory, dupEdited, true},
	}
	for _, tt := range tests {
		a, b := Fingerprint(tt.a), Fingerprint(tt.b)
		sim := Similarity(a, b)
		if sim < DuplicateThreshold {
			t.Errorf("%s: similarity %.3f below the threshold: the key tokens are not what decides", tt.name, sim)
		}
		if got := IsDuplicate(a, b, "", ""); got != tt.dup {
			t.Errorf("%s: IsDuplicate = %v at similarity %.3f, want %v", tt.name, got, sim, tt.dup)
		}
	}
}
