// Command gohost starts a Grafana backend datasource plugin the way Grafana does, with hashicorp go-plugin's own
// client (Debian's golang-github-hashicorp-go-plugin-dev), and talks Grafana's plugin protocol v2 to it with
// hand-encoded messages: CheckHealth, QueryData (each frame checked as the Go SDK's Arrow file reader would read
// it) and CollectMetrics. It prints one JSON summary on stdout and exits 0 when the session ran to the end
// (whatever the plugin answered), 1 when it could not (bad flags, no handshake, a failed call), 2 on usage errors.
//
// It is an independent check of the TypeScript plugin's reading of the protocol: nothing here is generated from
// the plugin's own .proto, and the process handling (environment, handshake, health, Kill) is go-plugin's.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
)

// Grafana's handshake (grafana-plugin-sdk-go backend/grpcplugin): protocol 2, the datasource cookie.
var handshake = plugin.HandshakeConfig{
	ProtocolVersion:  2,
	MagicCookieKey:   "grafana_plugin_type",
	MagicCookieValue: "datasource",
}

// connPlugin dispenses the raw *grpc.ClientConn; the calls are made on it with hand-encoded messages.
type connPlugin struct{ plugin.NetRPCUnsupportedPlugin }

func (connPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return errors.New("gohost is a client only")
}

func (connPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (interface{}, error) {
	return conn, nil
}

// The plugin set Grafana registers for protocol 2 (pkg/plugins/backendplugin/grpcplugin getV2PluginSet).
func pluginSet() plugin.PluginSet {
	return plugin.PluginSet{
		"diagnostics": connPlugin{},
		"resource":    connPlugin{},
		"data":        connPlugin{},
		"stream":      connPlugin{},
	}
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

type options struct {
	plugin         string
	prometheusURL  string
	prometheusDown bool
	jsonData       string
	secureJSON     string
	dsUID          string
	dsName         string
	queries        listFlag
	from, to       int64
	maxDataPoints  int64
	intervalMS     int64
	health         bool
	metrics        bool
	env            listFlag
	hostEnv        bool
	grafanaVersion string
	probeNoCookie  bool
	abandon        bool
	startTimeout   time.Duration
	callTimeout    time.Duration
	logLevel       string
	repeat         int
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("gohost", flag.ContinueOnError)
	fs.StringVar(&o.plugin, "plugin", "", "the plugin executable (required)")
	fs.StringVar(&o.prometheusURL, "prometheus-url", "", "the datasource URL (Prometheus base URL)")
	fs.BoolVar(&o.prometheusDown, "prometheus-down", false, "point the datasource at a closed 127.0.0.1 port instead of -prometheus-url")
	fs.StringVar(&o.jsonData, "json-data", "{}", "the datasource jsonData (JSON object)")
	fs.StringVar(&o.secureJSON, "secure-json", "{}", "decryptedSecureJsonData (JSON object of strings)")
	fs.StringVar(&o.dsUID, "ds-uid", "gohost-meshgraph", "the datasource uid")
	fs.StringVar(&o.dsName, "ds-name", "Meshgraph (gohost)", "the datasource name")
	fs.Var(&o.queries, "query", "a query model as JSON with its refId (repeatable; all go in one QueryData request)")
	fs.Int64Var(&o.from, "from", 0, "time range start, epoch ms (default: -to less one hour)")
	fs.Int64Var(&o.to, "to", 0, "time range end, epoch ms (default: now)")
	fs.Int64Var(&o.maxDataPoints, "max-data-points", 1000, "DataQuery.maxDataPoints unless the model has maxDataPoints")
	fs.Int64Var(&o.intervalMS, "interval-ms", 15000, "DataQuery.intervalMS unless the model has intervalMs")
	fs.BoolVar(&o.health, "health", true, "call Diagnostics/CheckHealth")
	fs.BoolVar(&o.metrics, "metrics", true, "call Diagnostics/CollectMetrics (reported, never an error)")
	fs.Var(&o.env, "env", "KEY=VALUE added to the plugin's environment (repeatable)")
	fs.BoolVar(&o.hostEnv, "host-env", false, "also pass this process's environment (Grafana without pluginsSkipHostEnvVars)")
	fs.StringVar(&o.grafanaVersion, "grafana-version", "12.0.0", "GF_VERSION given to the plugin")
	fs.BoolVar(&o.probeNoCookie, "probe-no-cookie", false, "first run the executable without the cookie and report how it exits")
	fs.BoolVar(&o.abandon, "abandon", false, "exit without Kill after the calls, leaving the plugin to notice its host is gone")
	fs.DurationVar(&o.startTimeout, "start-timeout", time.Minute, "handshake timeout (go-plugin's default is one minute)")
	fs.DurationVar(&o.callTimeout, "call-timeout", time.Minute, "timeout of each gRPC call")
	fs.IntVar(&o.repeat, "repeat", 0, "send the QueryData request this many more times after the first, timing each call (a second viewer of the same graph)")
	fs.StringVar(&o.logLevel, "log-level", "info", "level of go-plugin's log on stderr (plugin stderr is logged through it)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if o.plugin == "" {
		return nil, errors.New("-plugin is required")
	}
	if o.prometheusURL == "" && !o.prometheusDown {
		return nil, errors.New("-prometheus-url or -prometheus-down is required")
	}
	if o.to == 0 {
		o.to = time.Now().UnixNano() / int64(time.Millisecond)
	}
	if o.from == 0 {
		o.from = o.to - 3600*1000
	}
	return o, nil
}

// ---- summary ----

type RPCErrorResult struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func rpcError(err error) *RPCErrorResult {
	if s, ok := status.FromError(err); ok {
		return &RPCErrorResult{Code: s.Code().String(), Message: s.Message()}
	}
	return &RPCErrorResult{Code: "Unknown", Message: err.Error()}
}

type HandshakeResult struct {
	OK                bool   `json:"ok"`
	Ms                int64  `json:"ms"`
	Pid               int    `json:"pid,omitempty"`
	Network           string `json:"network,omitempty"`
	Protocol          string `json:"protocol,omitempty"`
	NegotiatedVersion int    `json:"negotiatedVersion,omitempty"`
	Error             string `json:"error,omitempty"`
}

type PingResult struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

type ResponseSummary struct {
	Frames      []FrameSummary `json:"frames"`
	FrameBytes  []int          `json:"frameBytes"`
	Error       string         `json:"error"`
	Status      int64          `json:"status"`
	ErrorSource string         `json:"errorSource,omitempty"`
	Format      int64          `json:"format"`
	Problems    []string       `json:"problems,omitempty"`
}

type QueryResult struct {
	Ms int64 `json:"ms"`
	// RepeatMs: the wait of each repeated call (-repeat), request sent to answer received, in milliseconds.
	RepeatMs []float64 `json:"repeatMs,omitempty"`
	// RepeatSame: every repeated call was answered with the first answer's bytes.
	RepeatSame bool                       `json:"repeatSame,omitempty"`
	RefIDs     []string                   `json:"refIds"`
	Responses  map[string]ResponseSummary `json:"responses"`
	Problems   []string                   `json:"problems,omitempty"`
	RPCError   *RPCErrorResult            `json:"rpcError,omitempty"`
}

type MetricsResult struct {
	Bytes    int             `json:"bytes"`
	Problems []string        `json:"problems,omitempty"`
	RPCError *RPCErrorResult `json:"rpcError,omitempty"`
}

type NoCookieResult struct {
	ExitCode int    `json:"exitCode"`
	Signal   string `json:"signal,omitempty"`
	TimedOut bool   `json:"timedOut"`
	Stdout   string `json:"stdout"`
	Stderr   string `json:"stderr"`
}

type ExitResult struct {
	// Exited: go-plugin saw the process end (Client.Exited).
	Exited bool `json:"exited"`
	// PidGone: no process (or only a zombie) with the pid remains.
	PidGone bool   `json:"pidGone"`
	Code    int    `json:"code"`
	Signal  string `json:"signal,omitempty"`
	KillMs  int64  `json:"killMs"`
	// Graceful: the process ended by itself after Shutdown, before go-plugin's 2 s grace ran out and it sent SIGKILL.
	Graceful bool `json:"graceful"`
}

type StderrResult struct {
	Lines        int      `json:"lines"`
	HclogLines   int      `json:"hclogLines"`
	OtherSamples []string `json:"otherSamples,omitempty"`
	Last         []string `json:"last,omitempty"`
}

type Summary struct {
	Plugin     string           `json:"plugin"`
	URL        string           `json:"url"`
	EnvNames   []string         `json:"envNames"`
	NoCookie   *NoCookieResult  `json:"noCookie,omitempty"`
	Handshake  HandshakeResult  `json:"handshake"`
	Ping       *PingResult      `json:"ping,omitempty"`
	Health     *HealthResult    `json:"health,omitempty"`
	Query      *QueryResult     `json:"query,omitempty"`
	Metrics    *MetricsResult   `json:"metrics,omitempty"`
	Exit       *ExitResult      `json:"exit,omitempty"`
	Abandoned  bool             `json:"abandoned,omitempty"`
	Stderr     StderrResult     `json:"stderr"`
	Error      string           `json:"error,omitempty"`
	stderrSink *stderrCollector `json:"-"`
}

// stderrCollector receives the plugin's stderr from go-plugin (each line, then a newline, as separate writes)
// and counts the lines that are hclog JSON, which is what Grafana turns into its own log entries.
type stderrCollector struct {
	mu      sync.Mutex
	partial []byte
	result  StderrResult
}

func (c *stderrCollector) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.partial = append(c.partial, p...)
	for {
		i := strings.IndexByte(string(c.partial), '\n')
		if i < 0 {
			break
		}
		c.line(string(c.partial[:i]))
		c.partial = c.partial[i+1:]
	}
	return len(p), nil
}

func (c *stderrCollector) line(l string) {
	r := &c.result
	r.Lines++
	if problem := hclogProblem(l); problem == "" {
		r.HclogLines++
	} else if len(r.OtherSamples) < 5 {
		r.OtherSamples = append(r.OtherSamples, problem+": "+truncate(l, 300))
	}
	r.Last = append(r.Last, truncate(l, 500))
	if len(r.Last) > 10 {
		r.Last = r.Last[1:]
	}
}

// hclogTimestamp is the only @timestamp layout go-plugin's host accepts (log_entry.go parseJSON): exactly six
// fractional digits. A line whose timestamp does not parse is not read as JSON: the host logs the raw line at
// debug level.
const hclogTimestamp = "2006-01-02T15:04:05.000000Z07:00"

// hclogProblem tells why go-plugin would not take a stderr line as an hclog JSON entry ("" when it would).
// go-plugin asserts @message, @level and @timestamp to strings without checking: another JSON type there
// panics the host.
func hclogProblem(l string) string {
	var entry map[string]interface{}
	if err := json.Unmarshal([]byte(l), &entry); err != nil {
		return "not JSON"
	}
	for _, key := range []string{"@message", "@level", "@timestamp"} {
		v, present := entry[key]
		if !present {
			if key == "@timestamp" {
				continue
			}
			return "no " + key
		}
		str, ok := v.(string)
		if !ok {
			return key + " is not a string (go-plugin panics)"
		}
		if key == "@timestamp" {
			if _, err := time.Parse(hclogTimestamp, str); err != nil {
				return "@timestamp not in " + hclogTimestamp
			}
		}
	}
	return ""
}

func (c *stderrCollector) snapshot() StderrResult {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.partial) > 0 {
		c.line(string(c.partial))
		c.partial = nil
	}
	return c.result
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// ---- environment ----

// Grafana lets these through from its own environment even with pluginsSkipHostEnvVars
// (pkg/plugins/envvars permittedHostEnvVarNames).
var permittedHostEnvVarNames = []string{
	"PLUGIN_UNIX_SOCKET_DIR", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy",
}

// pluginEnv is cmd.Env as Grafana builds it: GF_VERSION and GF_EDITION, the plugin's own GF_PLUGIN_* settings
// (here: -env), and the permitted host variables. go-plugin appends the cookie, PLUGIN_MIN_PORT,
// PLUGIN_MAX_PORT and PLUGIN_PROTOCOL_VERSIONS.
func pluginEnv(o *options) []string {
	env := []string{"GF_VERSION=" + o.grafanaVersion, "GF_EDITION=Open Source"}
	env = append(env, o.env...)
	for _, name := range permittedHostEnvVarNames {
		if v, ok := os.LookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	return env
}

// skipHostEnv stands in for go-plugin's ClientConfig.SkipHostEnv (newer than Debian's 1.0.1, which always
// appends os.Environ() to cmd.Env): with this process's environment empty, the plugin gets cmd.Env and
// go-plugin's variables only, as under Grafana's pluginsSkipHostEnvVars.
func skipHostEnv() {
	os.Clearenv()
}

func envNames(env []string) []string {
	names := []string{}
	for _, kv := range env {
		names = append(names, strings.SplitN(kv, "=", 2)[0])
	}
	sort.Strings(names)
	return names
}

// closedLoopbackURL returns an http URL on a 127.0.0.1 port that was just free and is now closed.
func closedLoopbackURL() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		return "", err
	}
	return "http://" + addr, nil
}

// probeNoCookie runs the executable without the magic cookie, as someone starting it by hand would.
func probeNoCookie(path string, env []string) *NoCookieResult {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path)
	cmd.Env = env
	var stdout, stderr strings.Builder
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	r := &NoCookieResult{TimedOut: ctx.Err() != nil}
	if cmd.ProcessState != nil {
		r.ExitCode = cmd.ProcessState.ExitCode()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			r.Signal = ws.Signal().String()
		}
	} else if err != nil {
		r.ExitCode = -1
		r.Stderr = err.Error()
	}
	r.Stdout = truncate(stdout.String(), 500)
	if r.Stderr == "" {
		r.Stderr = truncate(stderr.String(), 500)
	}
	return r
}

// pidGone: kill(pid, 0) fails, or the pid is a zombie nobody reaped yet.
func pidGone(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil {
		return true
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	s := string(stat)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] == 'Z'
	}
	return false
}

// ---- the session ----

func queriesFromFlags(o *options) ([]DataQuery, error) {
	var out []DataQuery
	for _, raw := range o.queries {
		var model map[string]interface{}
		if err := json.Unmarshal([]byte(raw), &model); err != nil {
			return nil, fmt.Errorf("-query %s: %w", raw, err)
		}
		refID, _ := model["refId"].(string)
		if refID == "" {
			return nil, fmt.Errorf("-query %s: no refId", raw)
		}
		q := DataQuery{
			RefID:         refID,
			MaxDataPoints: o.maxDataPoints,
			IntervalMS:    o.intervalMS,
			FromEpochMS:   o.from,
			ToEpochMS:     o.to,
			JSON:          []byte(raw),
		}
		if t, ok := model["queryType"].(string); ok {
			q.QueryType = t
		}
		if v, ok := model["maxDataPoints"].(float64); ok {
			q.MaxDataPoints = int64(v)
		}
		if v, ok := model["intervalMs"].(float64); ok {
			q.IntervalMS = int64(v)
		}
		out = append(out, q)
	}
	return out, nil
}

func invoke(conn *grpc.ClientConn, timeout time.Duration, method string, req []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var resp []byte
	err := conn.Invoke(ctx, method, &req, &resp, grpc.ForceCodec(rawCodec{}))
	return resp, err
}

func run(o *options, s *Summary) error {
	queries, err := queriesFromFlags(o)
	if err != nil {
		return err
	}
	url := o.prometheusURL
	if o.prometheusDown {
		if url, err = closedLoopbackURL(); err != nil {
			return err
		}
	}
	s.URL = url
	pc := PluginContext{
		OrgID:     1,
		PluginID:  "meshgraph-istio-datasource",
		UserLogin: "admin",
		UserRole:  "Admin",
		DataSource: DataSourceSettings{
			ID:                      1,
			Name:                    o.dsName,
			URL:                     url,
			JSONData:                []byte(o.jsonData),
			DecryptedSecureJSONData: map[string]string{},
			LastUpdatedMS:           time.Now().UnixNano() / int64(time.Millisecond),
			UID:                     o.dsUID,
		},
		GrafanaConfig: map[string]string{"concurrent_query_count": "10"},
		PluginVersion: "0.1.0",
		UserAgent:     "Grafana/" + o.grafanaVersion + " (linux; amd64)",
	}
	if err := json.Unmarshal([]byte(o.secureJSON), &pc.DataSource.DecryptedSecureJSONData); err != nil {
		return fmt.Errorf("-secure-json: %w", err)
	}
	if !json.Valid([]byte(o.jsonData)) {
		return errors.New("-json-data is not JSON")
	}

	env := pluginEnv(o)
	if o.probeNoCookie {
		s.NoCookie = probeNoCookie(o.plugin, env)
	}
	if !o.hostEnv {
		skipHostEnv()
	}
	s.EnvNames = envNames(append(append([]string{}, env...), os.Environ()...))
	s.EnvNames = append(s.EnvNames, handshake.MagicCookieKey, "PLUGIN_MAX_PORT", "PLUGIN_MIN_PORT", "PLUGIN_PROTOCOL_VERSIONS")

	cmd := exec.Command(o.plugin)
	cmd.Env = env
	logger := hclog.New(&hclog.LoggerOptions{
		Name:   "gohost",
		Level:  hclog.LevelFromString(o.logLevel),
		Output: os.Stderr,
	})
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  handshake,
		VersionedPlugins: map[int]plugin.PluginSet{2: pluginSet()},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		Logger:           logger,
		Stderr:           s.stderrSink,
		StartTimeout:     o.startTimeout,
	})
	// Killed on every way out but a successful -abandon.
	leave := false
	defer func() {
		if !leave {
			client.Kill()
		}
	}()

	start := time.Now()
	rpcClient, err := client.Client()
	s.Handshake.Ms = time.Since(start).Milliseconds()
	if err != nil {
		s.Handshake.Error = err.Error()
		return fmt.Errorf("handshake: %w", err)
	}
	s.Handshake.OK = true
	s.Handshake.NegotiatedVersion = client.NegotiatedVersion()
	s.Handshake.Protocol = string(client.Protocol())
	if rc := client.ReattachConfig(); rc != nil {
		s.Handshake.Pid = rc.Pid
		if rc.Addr != nil {
			s.Handshake.Network = rc.Addr.Network()
		}
	}

	s.Ping = &PingResult{OK: true}
	if err := rpcClient.Ping(); err != nil {
		s.Ping = &PingResult{Error: err.Error()}
	}

	raw, err := rpcClient.Dispense("diagnostics")
	if err != nil {
		return fmt.Errorf("dispense: %w", err)
	}
	conn := raw.(*grpc.ClientConn)

	if o.health {
		resp, err := invoke(conn, o.callTimeout, "/pluginv2.Diagnostics/CheckHealth", encodeCheckHealthRequest(pc, nil))
		if err != nil {
			s.Health = &HealthResult{RPCError: rpcError(err)}
		} else {
			h, err := decodeCheckHealthResponse(resp)
			if err != nil {
				return fmt.Errorf("CheckHealthResponse: %w", err)
			}
			s.Health = &h
		}
	}

	if len(queries) > 0 {
		s.Query = &QueryResult{Responses: map[string]ResponseSummary{}, RefIDs: []string{}}
		start := time.Now()
		resp, err := invoke(conn, o.callTimeout, "/pluginv2.Data/QueryData", encodeQueryDataRequest(pc, nil, queries))
		s.Query.Ms = time.Since(start).Milliseconds()
		s.Query.RepeatSame = err == nil && o.repeat > 0
		for i := 0; err == nil && i < o.repeat; i++ {
			at := time.Now()
			again, errAgain := invoke(conn, o.callTimeout, "/pluginv2.Data/QueryData", encodeQueryDataRequest(pc, nil, queries))
			s.Query.RepeatMs = append(s.Query.RepeatMs, float64(time.Since(at).Microseconds())/1000)
			if errAgain != nil {
				s.Query.RPCError = rpcError(errAgain)
				s.Query.RepeatSame = false
				break
			}
			s.Query.RepeatSame = s.Query.RepeatSame && bytes.Equal(again, resp)
		}
		if err != nil {
			s.Query.RPCError = rpcError(err)
		} else {
			responses, problems, err := decodeQueryDataResponse(resp)
			if err != nil {
				return fmt.Errorf("QueryDataResponse: %w", err)
			}
			s.Query.Problems = problems
			for refID, r := range responses {
				s.Query.RefIDs = append(s.Query.RefIDs, refID)
				sum := ResponseSummary{
					Frames: []FrameSummary{}, FrameBytes: []int{}, Error: r.Error, Status: r.Status,
					ErrorSource: r.ErrorSource, Format: r.Format, Problems: r.Problems,
				}
				for _, f := range r.Frames {
					sum.FrameBytes = append(sum.FrameBytes, len(f))
					if r.Format == 0 {
						sum.Frames = append(sum.Frames, summarizeFrame(f, refID))
					}
				}
				if r.Format != 0 && len(r.Frames) > 0 {
					sum.Problems = append(sum.Problems, fmt.Sprintf("frames in format %d, not Arrow", r.Format))
				}
				s.Query.Responses[refID] = sum
			}
			sort.Strings(s.Query.RefIDs)
			for _, q := range queries {
				if _, ok := responses[q.RefID]; !ok {
					s.Query.Problems = append(s.Query.Problems, fmt.Sprintf("no response for refId %q", q.RefID))
				}
			}
		}
	}

	if o.metrics {
		s.Metrics = &MetricsResult{}
		resp, err := invoke(conn, o.callTimeout, "/pluginv2.Diagnostics/CollectMetrics", encodeCollectMetricsRequest(pc))
		if err != nil {
			s.Metrics.RPCError = rpcError(err)
		} else if s.Metrics.Bytes, s.Metrics.Problems, err = decodeCollectMetricsResponse(resp); err != nil {
			return fmt.Errorf("CollectMetricsResponse: %w", err)
		}
	}

	if o.abandon {
		s.Abandoned = true
		leave = true
		return nil
	}

	// Kill: go-plugin calls plugin.GRPCController/Shutdown, closes the connection, waits up to 2 s for the
	// process to end by itself, then kills it (SIGKILL).
	pid := s.Handshake.Pid
	start = time.Now()
	client.Kill()
	leave = true
	s.Exit = &ExitResult{KillMs: time.Since(start).Milliseconds(), Exited: client.Exited()}
	if cmd.ProcessState != nil {
		s.Exit.Code = cmd.ProcessState.ExitCode()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			s.Exit.Signal = ws.Signal().String()
		}
	}
	s.Exit.Graceful = s.Exit.Exited && s.Exit.Signal == ""
	if pid > 0 {
		s.Exit.PidGone = pidGone(pid)
	}
	return nil
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gohost:", err)
		}
		os.Exit(2)
	}
	s := &Summary{Plugin: o.plugin, stderrSink: &stderrCollector{}}
	code := 0
	if err := run(o, s); err != nil {
		s.Error = err.Error()
		code = 1
	}
	if o.abandon {
		// Let the plugin's last stderr lines arrive before reporting; the process itself is left running.
		time.Sleep(100 * time.Millisecond)
	}
	s.Stderr = s.stderrSink.snapshot()
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gohost:", err)
		os.Exit(1)
	}
	fmt.Println(string(out))
	os.Exit(code)
}
