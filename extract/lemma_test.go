package extract

import "testing"

func TestLemma(t *testing.T) {
	tests := []struct{ in, want string }{
		{"met", "meet"}, {"meets", "meet"}, {"meeting", "meet"}, {"held", "hold"},
		{"provided", "provide"}, {"provides", "provide"}, {"providing", "provide"},
		{"supplied", "supply"}, {"supplies", "supply"}, {"denied", "deny"}, {"denies", "deny"},
		{"rejected", "reject"}, {"sold", "sell"}, {"given", "give"}, {"gave", "give"},
		{"delivered", "deliver"}, {"helped", "help"}, {"showed", "show"}, {"toasted", "toast"},
		{"planned", "plan"}, {"promised", "promise"}, {"announced", "announce"},
		{"signed", "sign"}, {"visited", "visit"}, {"attacked", "attack"}, {"created", "create"},
		{"accused", "accuse"}, {"avoided", "avoid"}, {"reached", "reach"}, {"pushes", "push"},
		{"insisting", "insist"}, {"challenging", "challenge"}, {"increasing", "increase"},
		{"used", "use"}, {"ignored", "ignore"}, {"dismissed", "dismiss"}, {"donated", "donate"},
		{"shipped", "ship"}, {"exported", "export"}, {"invaded", "invade"}, {"led", "lead"},
		{"paralyzed", "paralyze"}, {"cooperating", "cooperate"}, {"seek", "seek"},
		{"threatened", "threaten"}, {"opened", "open"}, {"joined", "join"}, {"warned", "warn"},
		{"called", "call"}, {"killed", "kill"}, {"urged", "urge"}, {"arrived", "arrive"},
		{"moved", "move"}, {"received", "receive"}, {"agreed", "agree"}, {"hoped", "hope"},
		{"named", "name"}, {"declared", "declare"}, {"appointed", "appoint"}, {"decided", "decide"},
		{"added", "add"}, {"loaded", "load"}, {"traded", "trade"}, {"headed", "head"},
	}
	for _, tt := range tests {
		if got := lemma(tt.in); got != tt.want {
			t.Errorf("lemma(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
