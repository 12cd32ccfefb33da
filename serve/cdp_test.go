//go:build unix

package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// This file is a minimal client of the Chrome DevTools Protocol for the
// browser test: it starts headless Chromium, connects to its page over a
// WebSocket (RFC 6455 frames, written here to need no module), and sends
// commands. Events are ignored; the test polls the page instead.

// findChromium returns the path of a Chromium or Chrome binary: $KG_CHROMIUM,
// else the first of the usual names on PATH.
func findChromium() string {
	if p := os.Getenv("KG_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a running headless Chromium and a connection to its page.
type browser struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	page   *cdpConn
}

// startBrowser starts Chromium with a fresh profile in dir and connects to
// its first page. The process group is killed when the test ends.
func startBrowser(t *testing.T, ctx context.Context, bin, dir string) *browser {
	t.Helper()
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--no-default-browser-check", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
		"--hide-scrollbars", "--window-size=1400,860", "--user-data-dir="+dir,
		"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
	b := &browser{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stderr = &lockedWriter{w: b.stderr}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	t.Cleanup(func() {
		if b.page != nil {
			b.page.close()
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // the group we created: Chromium and its helpers
		cmd.Wait()
	})
	port, err := devToolsPort(ctx, filepath.Join(dir, "DevToolsActivePort"))
	if err != nil {
		t.Fatalf("chromium did not open its DevTools port: %v\n%s", err, b.log())
	}
	wsURL, err := pageTarget(ctx, port)
	if err != nil {
		t.Fatalf("find the page target: %v\n%s", err, b.log())
	}
	if b.page, err = dialCDP(ctx, wsURL); err != nil {
		t.Fatalf("connect to %s: %v\n%s", wsURL, err, b.log())
	}
	return b
}

func (b *browser) log() string {
	s := b.stderr.String()
	if len(s) > 4000 {
		s = s[len(s)-4000:]
	}
	return "chromium stderr (tail):\n" + s
}

// lockedWriter serialises writes from the process's stderr copier with
// reads by log.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// devToolsPort waits for Chromium to write the port it listens on.
func devToolsPort(ctx context.Context, file string) (int, error) {
	for {
		if data, err := os.ReadFile(file); err == nil {
			if line, _, ok := strings.Cut(string(data), "\n"); ok {
				return strconv.Atoi(strings.TrimSpace(line))
			}
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// pageTarget returns the WebSocket URL of the browser's first page.
func pageTarget(ctx context.Context, port int) (string, error) {
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("http://127.0.0.1:%d/json/list", port), nil)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			var targets []struct{ Type, WebSocketDebuggerURL string }
			err = json.NewDecoder(res.Body).Decode(&targets)
			res.Body.Close()
			for _, t := range targets {
				if t.Type == "page" && t.WebSocketDebuggerURL != "" {
					return t.WebSocketDebuggerURL, nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// cdpConn is a DevTools connection: commands go out as JSON text frames,
// answers come back matched by id.
type cdpConn struct {
	conn net.Conn
	wmu  sync.Mutex
	mu   sync.Mutex
	next int
	wait map[int]chan cdpAnswer
	err  error
}

type cdpAnswer struct {
	Result json.RawMessage
	Error  *struct {
		Code    int
		Message string
	}
}

// dialCDP opens the WebSocket at wsURL (ws://host:port/path).
func dialCDP(ctx context.Context, wsURL string) (*cdpConn, error) {
	u, err := url.Parse(wsURL)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	rand.Read(key)
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n", u.RequestURI(), u.Host, base64.StdEncoding.EncodeToString(key))
	br := bufio.NewReader(conn)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("websocket handshake: %w", err)
	}
	if res.StatusCode != http.StatusSwitchingProtocols {
		conn.Close()
		return nil, fmt.Errorf("websocket handshake: %s", res.Status)
	}
	c := &cdpConn{conn: conn, wait: make(map[int]chan cdpAnswer)}
	go c.readLoop(br)
	return c, nil
}

func (c *cdpConn) close() { c.conn.Close() }

// call sends method with params and decodes the result into out (may be nil).
func (c *cdpConn) call(ctx context.Context, method string, params, out any) error {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return c.err
	}
	c.next++
	id := c.next
	ch := make(chan cdpAnswer, 1)
	c.wait[id] = ch
	c.mu.Unlock()
	if params == nil {
		params = struct{}{}
	}
	msg, _ := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err := c.writeFrame(0x1, msg); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case a, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: connection closed: %v", method, c.err)
		}
		if a.Error != nil {
			return fmt.Errorf("%s: %s (%d)", method, a.Error.Message, a.Error.Code)
		}
		if out != nil {
			return json.Unmarshal(a.Result, out)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// writeFrame sends one final, masked frame (clients must mask).
func (c *cdpConn) writeFrame(opcode byte, payload []byte) error {
	var hdr []byte
	hdr = append(hdr, 0x80|opcode)
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n <= 0xFFFF:
		hdr = append(hdr, 0x80|126)
		hdr = binary.BigEndian.AppendUint16(hdr, uint16(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	mask := make([]byte, 4)
	rand.Read(mask)
	hdr = append(hdr, mask...)
	buf := append(hdr, payload...)
	for i := range payload {
		buf[len(hdr)+i] ^= mask[i%4]
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := c.conn.Write(buf)
	return err
}

// readLoop reads messages (reassembling fragments), answers pings and
// hands command answers to their callers.
func (c *cdpConn) readLoop(r *bufio.Reader) {
	var msg []byte
	var err error
	for err == nil {
		var fin bool
		var opcode byte
		var payload []byte
		if fin, opcode, payload, err = readFrame(r); err != nil {
			break
		}
		switch opcode {
		case 0x8: // close
			err = errors.New("closed by the browser")
		case 0x9: // ping
			err = c.writeFrame(0xA, payload)
		case 0xA: // pong
		default: // text, binary, continuation
			msg = append(msg, payload...)
			if fin {
				c.dispatch(msg)
				msg = nil
			}
		}
	}
	c.mu.Lock()
	c.err = err
	for id, ch := range c.wait {
		close(ch)
		delete(c.wait, id)
	}
	c.mu.Unlock()
}

func (c *cdpConn) dispatch(msg []byte) {
	var m struct {
		ID int `json:"id"`
		cdpAnswer
	}
	if json.Unmarshal(msg, &m) != nil || m.ID == 0 {
		return // an event
	}
	c.mu.Lock()
	ch := c.wait[m.ID]
	delete(c.wait, m.ID)
	c.mu.Unlock()
	if ch != nil {
		ch <- m.cdpAnswer
	}
}

// readFrame reads one frame from the server (unmasked, per RFC 6455).
func readFrame(r *bufio.Reader) (fin bool, opcode byte, payload []byte, err error) {
	var h [2]byte
	if _, err = io.ReadFull(r, h[:]); err != nil {
		return
	}
	fin, opcode = h[0]&0x80 != 0, h[0]&0x0F
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		var b [2]byte
		if _, err = io.ReadFull(r, b[:]); err != nil {
			return
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err = io.ReadFull(r, b[:]); err != nil {
			return
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	var mask [4]byte
	masked := h[1]&0x80 != 0
	if masked {
		if _, err = io.ReadFull(r, mask[:]); err != nil {
			return
		}
	}
	if n > 64<<20 {
		err = fmt.Errorf("frame of %d bytes", n)
		return
	}
	payload = make([]byte, n)
	if _, err = io.ReadFull(r, payload); err != nil {
		return
	}
	if masked {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return
}

// eval runs a JavaScript expression in the page and decodes its value.
func (b *browser) eval(ctx context.Context, expr string, out any) error {
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := b.page.call(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res)
	if err != nil {
		return err
	}
	if e := res.ExceptionDetails; e != nil {
		return fmt.Errorf("javascript: %s %s", e.Text, e.Exception.Description)
	}
	if out == nil || len(res.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(res.Result.Value, out)
}

// waitFor polls a JavaScript condition until it is true or ctx is done.
func (b *browser) waitFor(ctx context.Context, what, cond string) error {
	var last error
	for {
		var ok bool
		if last = b.eval(ctx, "!!("+cond+")", &ok); last == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s (%s): %w (last error: %v)", what, cond, ctx.Err(), last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// click presses and releases the left mouse button at page coordinates x, y.
func (b *browser) click(ctx context.Context, x, y float64) error {
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		p := map[string]any{"type": typ, "x": x, "y": y, "button": "left", "clickCount": 1}
		if typ == "mouseMoved" {
			p["button"], p["clickCount"] = "none", 0
		}
		if err := b.page.call(ctx, "Input.dispatchMouseEvent", p, nil); err != nil {
			return err
		}
	}
	return nil
}

// typeInto clicks the text box with that id, selects what it holds and
// types text over it (an empty text deletes it with Backspace), as a
// person would: the box gets its input events.
func (b *browser) typeInto(ctx context.Context, id, text string) error {
	var r rect
	el := fmt.Sprintf("document.getElementById(%q)", id)
	if err := b.eval(ctx, rectOf(el), &r); err != nil {
		return err
	}
	if err := b.click(ctx, r.X+r.W/2, r.Y+r.H/2); err != nil {
		return err
	}
	if err := b.eval(ctx, el+".select()", nil); err != nil {
		return err
	}
	if text != "" {
		return b.page.call(ctx, "Input.insertText", map[string]any{"text": text}, nil)
	}
	for _, typ := range []string{"keyDown", "keyUp"} {
		err := b.page.call(ctx, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": "Backspace",
			"code": "Backspace", "windowsVirtualKeyCode": 8, "nativeVirtualKeyCode": 8}, nil)
		if err != nil {
			return err
		}
	}
	return nil
}

// screenshot writes a PNG of the page to path.
func (b *browser) screenshot(ctx context.Context, path string) error {
	var res struct{ Data string }
	if err := b.page.call(ctx, "Page.captureScreenshot", map[string]any{"format": "png"}, &res); err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		return err
	}
	return os.WriteFile(path, png, 0o644)
}
