package extract

import "strings"

// lemma returns the base form of a verb ("met" → "meet", "provided" →
// "provide", "denied" → "deny"): irregular forms from a table, then suffix
// rules, restoring a final "e" where English spelling drops it.
func lemma(word string) string {
	w := strings.ToLower(word)
	if base, ok := irregular[w]; ok {
		return base
	}
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ed") && len(w) > 3:
		return restoreE(w[:len(w)-2])
	case strings.HasSuffix(w, "ing") && len(w) > 4:
		return restoreE(w[:len(w)-3])
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"), strings.HasSuffix(w, "oes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

// restoreE repairs a stem cut from "-ed" or "-ing": a doubled final
// consonant is undone ("planned" → "plan"), a dropped "e" put back
// ("provid" → "provide", "clos" → "close").
func restoreE(stem string) string {
	n := len(stem)
	if n >= 4 && stem[n-1] == stem[n-2] && !strings.ContainsRune("aeioulsfz", rune(stem[n-1])) {
		return stem[:n-1]
	}
	if eStems[stem] {
		return stem + "e"
	}
	for _, suf := range eEndings {
		if strings.HasSuffix(stem, suf) {
			for _, x := range eExceptions {
				if strings.HasSuffix(stem, x) {
					return stem
				}
			}
			return stem + "e"
		}
	}
	return stem
}

// eEndings are stem endings after which English verbs end in a silent "e"
// ("provid-e", "announc-e", "negotiat-e", "us-e").
var eEndings = []string{
	"id", "ud", "iv", "av", "ov", "rv", "lv", "nc", "rc", "uc", "ac", "ic", "ng", "rg", "dg", "lg",
	"at", "it", "ut", "ot", "iz", "yz", "is", "us", "os", "ur", "ir", "ar", "or", "ap", "ip", "op", "ib",
	"ak", "ok", "ik", "ul", "bl", "pl", "tl", "dl", "gl", "kl", "fl", "ym", "am", "om", "im", "um", "in",
	"on", "ag", "ev", "ad",
}

// eExceptions are stem endings from eEndings whose verbs have no final "e".
var eExceptions = []string{
	"oid", "aid", "eid", "ead", "ait", "uit", "oit", "eat", "oat", "ect", "ist", "mit", "vis", "ss",
	"ain", "ein", "oin", "rain", "ion", "ean", "ook", "eak", "oak", "eal", "ail", "oil", "ool", "eel",
	"ait", "orm", "urn", "arn", "ern", "own", "ign", "ong", "ing", "ang", "ung", "eng", "ear", "oar",
	"our", "oor", "eir", "air", "ccur", "fer", "ter", "der", "ap", "op", "ip", "ed", "lit", "edit",
	"isit", "ibit", "osit", "erit", "ibut", "ruit", "unit", "omit", "orbit", "awak",
	"ac", "ic", "ult", "alk", "oad", "ilk", "elp", "ulp", "alm", "arm", "ohib", "ev",
}

// eStems are stems whose base form ends in "e" but that no rule above
// catches.
var eStems = map[string]bool{
	"agre": true, "fre": true, "creat": true, "se": true, "fle": true, "guarante": true, "sav": true,
	"hop": true, "cop": true, "scop": true, "typ": true, "wip": true, "shap": true, "escap": true,
	"hom": true, "nam": true, "fram": true, "blam": true, "tim": true, "shar": true, "declar": true,
	"prepar": true, "compar": true, "car": true, "dar": true, "star": true, "stor": true, "scor": true,
	"explor": true, "ignor": true, "restor": true, "implor": true, "deplor": true, "tak": true,
	"mak": true, "strik": true, "lik": true, "hik": true, "invok": true, "provok": true,
	"revok": true, "evok": true, "smok": true, "pledg": true, "judg": true, "hedg": true,
	"wag": true, "rag": true, "pag": true, "stag": true, "engag": true, "manag": true,
	"damag": true, "encourag": true, "arrang": true, "chang": true, "exchang": true,
	"challeng": true, "accus": true, "refus": true, "caus": true, "paus": true, "abus": true,
	"excus": true, "confus": true, "fus": true, "diffus": true, "ceas": true, "releas": true,
	"increas": true, "decreas": true, "pleas": true, "leas": true, "eras": true, "rais": true,
	"prais": true, "rins": true, "sens": true, "licens": true, "respons": true,
	"condens": true, "dispens": true, "expens": true, "purchas": true, "chas": true,
	"bas": true, "phas": true, "cas": true, "ris": true, "devis": true, "advis": true,
	"revis": true, "supervis": true, "surpris": true, "compris": true, "promis": true,
	"exercis": true, "franchis": true, "merchandis": true, "criticis": true,
	"organis": true, "recognis": true, "realis": true, "apologis": true, "emphasis": true,
	"penalis": true, "paralys": true, "analys": true, "balanc": true, "financ": true,
	"sentenc": true, "influenc": true, "experienc": true, "evidenc": true, "referenc": true,
	"silenc": true, "notic": true, "practic": true, "servic": true, "sacrific": true,
	"suffic": true, "entic": true, "splic": true, "voic": true, "choic": true, "forc": true,
	"produc": true, "reduc": true, "introduc": true, "induc": true, "deduc": true,
	"plac": true, "replac": true, "trac": true, "fac": true, "rac": true, "grac": true,
	"spac": true, "embrac": true, "pierc": true, "commerc": true, "announc": true,
	"pronounc": true, "renounc": true, "denounc": true, "bounc": true, "pounc": true,
	"danc": true, "advanc": true, "enhanc": true, "glanc": true, "lanc": true,
	"wav": true, "rav": true, "pav": true, "brav": true, "crav": true, "engrav": true,
	"grav": true, "behav": true, "shav": true, "starv": true, "curv": true, "carv": true,
	"reserv": true, "serv": true, "observ": true, "preserv": true, "deserv": true,
	"conserv": true, "swerv": true, "nerv": true, "solv": true, "resolv": true,
	"involv": true, "evolv": true, "revolv": true, "dissolv": true, "absolv": true,
	"believ": true, "reliev": true, "achiev": true, "retriev": true, "griev": true,
	"receiv": true, "deceiv": true, "perceiv": true, "conceiv": true, "wiv": true,
	"liv": true, "giv": true, "forgiv": true, "div": true, "striv": true, "driv": true,
	"thriv": true, "arriv": true, "deriv": true, "depriv": true, "reviv": true,
	"surviv": true, "mov": true, "remov": true, "approv": true, "prov": true,
	"improv": true, "disprov": true, "lov": true, "shov": true,
}

// irregular maps irregular verb forms to their base form.
var irregular = map[string]string{
	"is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "am": "be", "being": "be", "'s": "be", "'re": "be",
	"has": "have", "had": "have", "having": "have", "'ve": "have",
	"does": "do", "did": "do", "done": "do", "doing": "do",
	"said": "say", "says": "say", "met": "meet", "meeting": "meet", "held": "hold", "holds": "hold",
	"gave": "give", "given": "give", "sold": "sell", "sent": "send", "told": "tell", "took": "take",
	"taken": "take", "made": "make", "went": "go", "gone": "go", "goes": "go", "came": "come",
	"saw": "see", "seen": "see", "knew": "know", "known": "know", "thought": "think",
	"brought": "bring", "bought": "buy", "fought": "fight", "sought": "seek", "taught": "teach",
	"caught": "catch", "built": "build", "spent": "spend", "lent": "lend", "left": "leave",
	"lost": "lose", "led": "lead", "fled": "flee", "fed": "feed", "paid": "pay", "laid": "lay",
	"won": "win", "began": "begin", "begun": "begin", "ran": "run", "wrote": "write",
	"written": "write", "spoke": "speak", "spoken": "speak", "broke": "break", "broken": "break",
	"chose": "choose", "chosen": "choose", "drove": "drive", "driven": "drive", "rose": "rise",
	"risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow",
	"threw": "throw", "thrown": "throw", "drew": "draw", "drawn": "draw", "shown": "show",
	"flew": "fly", "flown": "fly", "hid": "hide", "hidden": "hide", "stood": "stand",
	"understood": "understand", "struck": "strike", "stricken": "strike", "swore": "swear",
	"sworn": "swear", "tore": "tear", "torn": "tear", "wore": "wear", "worn": "wear",
	"bore": "bear", "borne": "bear", "born": "bear", "froze": "freeze", "frozen": "freeze",
	"stole": "steal", "stolen": "steal", "woke": "wake", "woken": "wake", "ate": "eat",
	"eaten": "eat", "forgot": "forget", "forgotten": "forget", "got": "get", "gotten": "get",
	"felt": "feel", "kept": "keep", "slept": "sleep", "swept": "sweep", "meant": "mean",
	"heard": "hear", "found": "find", "bound": "bind", "wound": "wind", "hung": "hang",
	"sang": "sing", "sung": "sing", "rang": "ring", "rung": "ring", "sank": "sink", "sunk": "sink",
	"shot": "shoot", "lit": "light", "dealt": "deal", "withdrew": "withdraw", "withdrawn": "withdraw",
	"overtook": "overtake", "undertook": "undertake", "forbade": "forbid", "forbidden": "forbid",
	"foresaw": "foresee", "oversaw": "oversee", "overseen": "oversee", "upheld": "uphold",
	"withheld": "withhold", "mislead": "mislead", "misled": "mislead", "became": "become",
	"seeking": "seek", "sees": "see", "dies": "die", "died": "die", "lies": "lie", "lied": "lie",
	"ties": "tie", "tied": "tie", "agreed": "agree", "agrees": "agree", "freed": "free",
	"toasted": "toast", "showed": "show", "shows": "show", "visited": "visit",
	"signaled": "signal", "signalled": "signal", "signaling": "signal", "signalling": "signal",
	"traveled": "travel", "travelled": "travel", "canceled": "cancel", "cancelled": "cancel",
	"labeled": "label", "labelled": "label", "controlled": "control", "patrolled": "patrol",
	"compelled": "compel", "expelled": "expel", "propelled": "propel", "repelled": "repel",
	"committed": "commit", "admitted": "admit", "permitted": "permit", "submitted": "submit",
	"transmitted": "transmit", "emitted": "emit", "omitted": "omit", "referred": "refer",
	"preferred": "prefer", "transferred": "transfer", "conferred": "confer", "deferred": "defer",
	"occurred": "occur", "incurred": "incur", "deterred": "deter", "equipped": "equip",
	"dropped": "drop", "stopped": "stop", "shipped": "ship", "stepped": "step",
	"plans": "plan", "planned": "plan", "planning": "plan", "used": "use", "uses": "use",
	"using": "use", "caused": "cause", "focused": "focus", "focussed": "focus",
	"insisted": "insist", "insisting": "insist", "resisted": "resist", "assisted": "assist",
	"existed": "exist", "persisted": "persist", "consisted": "consist", "listed": "list",
	"sued": "sue", "issued": "issue", "continued": "continue", "argued": "argue",
	"pursued": "pursue", "rescued": "rescue", "queued": "queue", "valued": "value",
	"eyed": "eye", "dyed": "dye", "sighed": "sigh", "weighed": "weigh",
}
