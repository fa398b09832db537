package main

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Forbidden data (SPEC §4.4): PRC resident ID numbers and bank card numbers
// must not be stored in free text. This is the server's copy of
// src/lib/domain/forbidden-data.ts (the client's instant check); the
// integration tests feed the same samples to both so they cannot drift apart.

// forbiddenKind names what was found; the codes are the API's error codes.
type forbiddenKind string

const (
	kindIDNumber forbiddenKind = "forbidden_id_number"
	kindBankCard forbiddenKind = "forbidden_bank_card"
)

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// idRegions are the first two digits a resident ID may start with (GB/T 2260
// provinces, 71, the 81/82/83 residence permits and the 91 foreigner ID).
var idRegions = map[string]bool{}

func init() {
	for _, r := range strings.Fields("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 91") {
		idRegions[r] = true
	}
}

// isResidentID reports whether s (18 ASCII chars) is a valid resident ID:
// known region, real birth date in 1900–2099, MOD 11-2 check character.
func isResidentID(s string) bool {
	if len(s) != 18 || !idRegions[s[:2]] {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		sum += int(s[i]-'0') * idWeights[i]
	}
	if !isRealDate(s[6:10], s[10:12], s[12:14]) {
		return false
	}
	return strings.ToUpper(s[17:]) == string(idCheckChars[sum%11])
}

func isRealDate(y, m, d string) bool {
	year, month, day := atoi(y), atoi(m), atoi(d)
	if year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days[2] = 29
	}
	return day <= days[month]
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// passesLuhn reports whether a string of ASCII digits passes the mod-10 check.
func passesLuhn(digits string) bool {
	sum := 0
	for i := 0; i < len(digits); i++ {
		n := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return len(digits) > 0 && sum%10 == 0
}

// halfWidth folds full-width ASCII, the ideographic space and dash look-alikes
// so that "６２２２ ０２０２…" is read like "6222 0202…".
func halfWidth(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		case r == 0x2010 || r == 0x2011 || r == 0x2012 || r == 0x2013 || r == 0x2014 || r == 0x2212 || r == 0xFE63:
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	digitChain = regexp.MustCompile(`\d+(?:[ -]{1,2}\d+)*[Xx]?`)
	digitGroup = regexp.MustCompile(`\d+[Xx]?`)
	mobile86   = regexp.MustCompile(`^(?:0086|86)1[3-9]\d{9}$`)
)

// findForbidden returns the first forbidden value in text, if any.
func findForbidden(text string) (forbiddenKind, bool) {
	norm := halfWidth(text)
	var card bool
	for _, loc := range digitChain.FindAllStringIndex(norm, -1) {
		chain := norm[loc[0]:loc[1]]
		groupLocs := digitGroup.FindAllStringIndex(chain, -1)
		groups := make([]string, len(groupLocs))
		for i, g := range groupLocs {
			groups[i] = strings.ToUpper(chain[g[0]:g[1]])
		}
		from, to := 0, len(groups)
		if gluedBefore(norm, loc[0]) {
			from = 1
		}
		if gluedAfter(norm, loc[1]) {
			to = len(groups) - 1
		}
		for i := range groups {
			digits := ""
			var lengths []int
			for j := i; j < len(groups); j++ {
				digits += groups[j]
				lengths = append(lengths, len(groups[j]))
				if len(digits) > 19 {
					break
				}
				if len(digits) == 18 && isResidentID(digits) {
					return kindIDNumber, true // IDs win over cards
				}
				shaped := i == j || isCardGrouping(lengths)
				if i >= from && j < to && shaped && len(digits) >= 13 && !strings.HasSuffix(digits, "X") &&
					passesLuhn(digits) && !isExcludedRun(norm, digits, loc[0]+groupLocs[i][0], loc[0]+groupLocs[j][1]) {
					card = true
				}
			}
		}
	}
	if card {
		return kindBankCard, true
	}
	return "", false
}

func isCardGrouping(lengths []int) bool {
	n := len(lengths)
	last := lengths[n-1]
	if n >= 3 {
		all4 := true
		for _, l := range lengths[:n-1] {
			all4 = all4 && l == 4
		}
		if all4 && last >= 1 && last <= 4 {
			return true
		}
	}
	if n == 3 && lengths[0] == 4 && lengths[1] == 6 && (last == 4 || last == 5) {
		return true
	}
	return n == 2 && lengths[0] == 6 && last >= 7
}

func isAlnum(b byte) bool {
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
}

func gluedBefore(s string, start int) bool {
	if start == 0 {
		return false
	}
	c := s[start-1]
	return isAlnum(c) || ((c == '.' || c == ',') && start >= 2 && s[start-2] >= '0' && s[start-2] <= '9')
}

func gluedAfter(s string, end int) bool {
	if end >= len(s) {
		return false
	}
	c := s[end]
	return isAlnum(c) || ((c == '.' || c == ',') && end+1 < len(s) && s[end+1] >= '0' && s[end+1] <= '9')
}

// isExcludedRun: Luhn-passing runs that are demonstrably something else — a
// phone number with + or 86, an amount next to ¥/$/元/万, a credit code.
func isExcludedRun(s, digits string, start, end int) bool {
	before := strings.TrimRight(s[max(0, start-4):start], " ")
	after := strings.TrimLeft(s[end:min(len(s), end+4)], " ")
	if strings.HasSuffix(before, "+") || strings.HasSuffix(before, "$") ||
		strings.HasSuffix(before, "¥") || strings.HasSuffix(before, "￥") {
		return true
	}
	if mobile86.MatchString(digits) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(after); strings.ContainsRune("元圆万亿", r) {
		return true
	}
	return len(digits) == 18 && isCreditCode(digits)
}

const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// isCreditCode checks a 统一社会信用代码 (GB 32100-2015).
func isCreditCode(s string) bool {
	if len(s) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, s[i])
		if v < 0 {
			return false
		}
		sum += v * creditWeights[i]
	}
	check := (31 - sum%31) % 31
	return s[17] == creditChars[check]
}
