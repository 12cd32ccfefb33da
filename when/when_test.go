package when

import (
	"fmt"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		text   string
		anchor string // the article's date
		tense  Tense
		want   string // Value, "" when the text is no expression
		prec   Precision
	}{
		// The sample article: Thursday 14 September 2023.
		{"on Wednesday", "2023-09-14", Past, "2023-09-13", Day},
		{"Wednesday night", "2023-09-14", Past, "2023-09-13", Day},
		{"on Thursday", "2023-09-14", Past, "2023-09-14", Day},
		{"Earlier today", "2023-09-14", Past, "2023-09-14", Day},
		{"the previous year", "2023-09-14", Past, "", ""},
		{"the following month", "2023-09-14", Past, "", ""},
		{"later today", "2023-09-14", Future, "2023-09-14", Day},
		{"on Friday", "2023-09-14", Past, "2023-09-08", Day},
		{"on Friday", "2023-09-14", Future, "2023-09-15", Day},
		// Weekdays across a week, month and year boundary.
		{"on Friday", "2023-01-02", Past, "2022-12-30", Day},
		{"Sunday", "2023-01-02", Past, "2023-01-01", Day},
		{"last Monday", "2023-01-02", Past, "2022-12-26", Day},
		{"next Monday", "2023-01-02", Past, "2023-01-09", Day},
		{"on Tuesday", "2023-12-30", Future, "2024-01-02", Day},
		// Relative days.
		{"yesterday", "2024-03-01", Past, "2024-02-29", Day},
		{"tomorrow", "2023-12-31", Future, "2024-01-01", Day},
		{"three days ago", "2023-09-14", Past, "2023-09-11", Day},
		// Dates.
		{"on September 12", "2023-09-14", Past, "2023-09-12", Day},
		{"Sept. 12, 2021", "2023-09-14", Past, "2021-09-12", Day},
		{"12 September", "2023-09-14", Past, "2023-09-12", Day},
		{"on December 30", "2024-01-03", Past, "2023-12-30", Day},
		{"on January 5", "2023-12-20", Future, "2024-01-05", Day},
		{"on March 3, 1987", "1987-03-05", Past, "1987-03-03", Day},
		{"February 30", "2023-09-14", Past, "", ""},
		// Months across a year boundary.
		{"in April", "2023-09-14", Past, "2023-04", Month},
		{"in December", "2024-01-10", Past, "2023-12", Month},
		{"in January", "2024-01-10", Past, "2024-01", Month},
		{"in April", "2023-09-14", Future, "2024-04", Month},
		{"last April", "2023-04-20", Past, "2022-04", Month},
		{"in March 1987", "1987-06-01", Past, "1987-03", Month},
		{"early April", "2023-09-14", Past, "2023-04", Month},
		// Weeks, months, years relative to the article.
		{"last week", "2023-09-14", Past, "2023-W36", Week},
		{"this week", "2023-09-14", Past, "2023-W37", Week},
		{"next week", "2023-12-28", Future, "2024-W01", Week},
		{"last month", "2023-01-15", Past, "2022-12", Month},
		{"earlier this month", "2023-09-14", Past, "2023-09", Month},
		{"earlier this year", "2023-09-14", Past, "2023", Year},
		{"later this year", "2023-09-14", Future, "2023", Year},
		{"last year", "1987-03-05", Past, "1986", Year},
		{"two years ago", "2023-09-14", Past, "2021", Year},
		// Years, fiscal years, quarters, decades.
		{"in 2002", "2023-09-14", Past, "2002", Year},
		{"fiscal 1987", "1987-03-05", Past, "1987", Year},
		{"in fiscal year 1986", "1987-03-05", Past, "1986", Year},
		{"the 1987 fiscal year", "1987-03-05", Past, "1987", Year},
		{"in the first quarter", "1987-04-10", Past, "1987-Q1", Quarter},
		{"in the fourth quarter", "1987-03-05", Past, "1986-Q4", Quarter},
		{"the fourth quarter of 1986", "1987-03-05", Past, "1986-Q4", Quarter},
		{"in the first half", "1987-09-01", Past, "1987-H1", Half},
		{"last quarter", "1987-02-10", Past, "1986-Q4", Quarter},
		{"in the 1990s", "2023-09-14", Past, "1990/1999", Decade},
		// Ranges.
		{"from 1985 to 1987", "1987-03-05", Past, "1985/1987", Year},
		{"1985-87", "1987-03-05", Past, "1985/1987", Year},
		{"between March and May", "2023-09-14", Past, "2023-03/2023-05", Month},
		{"from November to February", "2023-09-14", Past, "2022-11/2023-02", Month},
		{"from Monday to Wednesday", "2023-09-14", Past, "2023-09-11/2023-09-13", Day},
		// Not expressions.
		{"the deal", "2023-09-14", Past, "", ""},
		{"for two years", "2023-09-14", Past, "", ""},
		{"May", "2023-09-14", Past, "2023-05", Month},
		{"1,500", "2023-09-14", Past, "", ""},
	}
	for _, tt := range tests {
		got, ok := Normalize(tt.text, date(tt.anchor), tt.tense)
		if tt.want == "" {
			if ok {
				t.Errorf("Normalize(%q, %s) = %+v, want no expression", tt.text, tt.anchor, got)
			}
			continue
		}
		if !ok || got.Value != tt.want || got.Precision != tt.prec || got.Text != tt.text {
			t.Errorf("Normalize(%q, %s, %v) = %+v (%v), want %s (%s)", tt.text, tt.anchor, tt.tense, got, ok, tt.want, tt.prec)
		}
	}
}

func TestNormalizeFiscal(t *testing.T) {
	for text, want := range map[string]bool{"fiscal 1987": true, "the first fiscal quarter": true, "in 1987": false} {
		v, ok := Normalize(text, date("1987-03-05"), Past)
		if !ok || v.Fiscal != want {
			t.Errorf("Normalize(%q).Fiscal = %v (%v), want %v", text, v.Fiscal, ok, want)
		}
	}
}

func ExampleNormalize() {
	published := time.Date(2023, time.September, 14, 0, 0, 0, 0, time.UTC) // a Thursday
	v, _ := Normalize("on Wednesday", published, Past)
	fmt.Println(v.Value, v.Precision)
	v, _ = Normalize("last week", published, Past)
	fmt.Println(v.Value, v.Precision)
	// Output:
	// 2023-09-13 day
	// 2023-W36 week
}
