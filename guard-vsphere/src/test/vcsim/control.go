package main

// The control endpoint (tests drive the fault model through it) and the call log (tests read
// which vim25 methods the harness served, to prove a command only read). Both are plain JSON
// over the harness's own listener, under /vsguard/, without authentication: the harness is a
// loopback test peer.
//
//	POST /vsguard/control   {"action": ..., ...}             200 {"ok": true, ...} | 400/404 {"error": "..."}
//	GET  /vsguard/hosts     {"hosts": [{name, connectionState, inMaintenanceMode, crashed, isolated, vms, alarms}]}
//	GET  /vsguard/calls?since=N   {"calls": [{seq, method, this, write}], "last": N}

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/ioutil"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

const (
	maxControlBody = 64 << 10
	maxCallLog     = 100000 // oldest calls are dropped beyond this
	maxDelay       = time.Hour
	maxTaskTime    = 10 * time.Minute
)

// readMethods are the vim25 methods that change nothing in the inventory. Anything else the
// harness serves counts as a write, so an unlisted read shows up rather than hides a write.
var readMethods = map[string]bool{
	"RetrieveServiceContent": true, "Login": true, "Logout": true, "SessionIsActive": true,
	"CurrentTime": true, "RetrieveProperties": true, "RetrievePropertiesEx": true,
	"ContinueRetrievePropertiesEx": true, "CancelRetrievePropertiesEx": true,
	"CreateContainerView": true, "DestroyView": true, "CreatePropertyCollector": true,
	"DestroyPropertyCollector": true, "CreateFilter": true, "DestroyPropertyFilter": true,
	"WaitForUpdates": true, "WaitForUpdatesEx": true, "CheckForUpdates": true,
	"CancelWaitForUpdates": true, "QueryOptions": true,
}

type callRecord struct {
	Seq    int    `json:"seq"`
	Method string `json:"method"`
	This   string `json:"this"`
	Write  bool   `json:"write"`
}

// callLog records every SOAP method served and the session keys seen.
type callLog struct {
	mu       sync.Mutex
	seq      int
	calls    []callRecord
	sessions map[string]bool
}

func newCallLog() *callLog { return &callLog{sessions: map[string]bool{}} }

func (l *callLog) add(method, this string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	l.calls = append(l.calls, callRecord{Seq: l.seq, Method: method, This: this, Write: !readMethods[method]})
	if len(l.calls) > maxCallLog {
		l.calls = append([]callRecord(nil), l.calls[len(l.calls)-maxCallLog:]...)
	}
}

func (l *callLog) session(key string) {
	if key == "" {
		return
	}
	l.mu.Lock()
	l.sessions[key] = true
	l.mu.Unlock()
}

func (l *callLog) since(seq int) ([]callRecord, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := []callRecord{}
	for _, c := range l.calls {
		if c.Seq > seq {
			out = append(out, c)
		}
	}
	return out, l.seq
}

func (l *callLog) sessionKeys() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var keys []string
	for k := range l.sessions {
		keys = append(keys, k)
	}
	return keys
}

// recording logs the method of each SOAP request before passing it on.
func recording(next http.Handler, log *callLog) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || strings.HasPrefix(r.URL.Path, "/vsguard/") || r.Body == nil {
			next.ServeHTTP(rw, r)
			return
		}
		body, err := ioutil.ReadAll(io.LimitReader(r.Body, maxRequest+1))
		_ = r.Body.Close()
		if err != nil {
			http.Error(rw, "cannot read request", http.StatusBadRequest)
			return
		}
		if len(body) > maxRequest {
			http.Error(rw, "request larger than 16 MiB", http.StatusRequestEntityTooLarge)
			return
		}
		method, this := soapMethod(body)
		log.add(method, this)
		if c, err := r.Cookie(soap.SessionCookieName); err == nil {
			log.session(c.Value)
		}
		r.Body = ioutil.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(rw, r)
		for _, c := range (&http.Response{Header: rw.Header()}).Cookies() {
			if c.Name == soap.SessionCookieName {
				log.session(c.Value)
			}
		}
	})
}

// soapMethod is the first element of the SOAP body and its _this ("Type:value").
func soapMethod(body []byte) (string, string) {
	d := xml.NewDecoder(bytes.NewReader(body))
	inBody, method, this, inThis := false, "", "", false
	for {
		tok, err := d.Token()
		if err != nil {
			return orUnknown(method), this
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case !inBody && t.Name.Local == "Body":
				inBody = true
			case inBody && method == "":
				method = t.Name.Local
			case method != "" && t.Name.Local == "_this":
				inThis = true
				for _, a := range t.Attr {
					if a.Name.Local == "type" {
						this = a.Value + ":"
					}
				}
			}
		case xml.CharData:
			if inThis {
				this += strings.TrimSpace(string(t))
			}
		case xml.EndElement:
			if inThis {
				return method, this
			}
		}
	}
}

func orUnknown(method string) string {
	if method == "" {
		return "(not SOAP)"
	}
	return method
}

type controlRequest struct {
	Action       string  `json:"action"`
	Host         string  `json:"host"`
	Fault        string  `json:"fault"`
	State        string  `json:"state"`
	AfterSeconds float64 `json:"afterSeconds"`
	Alarm        string  `json:"alarm"`
	Status       string  `json:"status"`
	Queued       string  `json:"queued"`
	Running      string  `json:"running"`
	Enabled      *bool   `json:"enabled"`
}

type controlError struct {
	status int
	msg    string
}

func badRequest(format string, args ...interface{}) *controlError {
	return &controlError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// injectable are the faults fail-next-task can arm, by vim25 name.
var injectable = map[string]func(host string) types.BaseMethodFault{
	"HostConfigFault":   func(string) types.BaseMethodFault { return &types.HostConfigFault{} },
	"SystemError":       func(string) types.BaseMethodFault { return &types.SystemError{Reason: "injected by the test"} },
	"Timedout":          func(string) types.BaseMethodFault { return &types.Timedout{} },
	"HostCommunication": func(string) types.BaseMethodFault { return &types.HostCommunication{} },
	"InvalidState":      func(string) types.BaseMethodFault { return &types.InvalidState{} },
	"DvsFault":          func(string) types.BaseMethodFault { return &types.DvsFault{} },
}

func (w *world) controlHandler(log *callLog) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/vsguard/calls" && r.Method == http.MethodGet:
			since := 0
			if s := r.URL.Query().Get("since"); s != "" {
				n, err := strconv.Atoi(s)
				if err != nil || n < 0 {
					writeJSON(rw, http.StatusBadRequest, map[string]string{"error": "since: expected a call number >= 0, got " + strconv.Quote(s)})
					return
				}
				since = n
			}
			calls, last := log.since(since)
			writeJSON(rw, http.StatusOK, map[string]interface{}{"calls": calls, "last": last})
		case r.URL.Path == "/vsguard/hosts" && r.Method == http.MethodGet:
			writeJSON(rw, http.StatusOK, map[string]interface{}{"hosts": w.hostStates()})
		case r.URL.Path == "/vsguard/control" && r.Method == http.MethodPost:
			var req controlRequest
			dec := json.NewDecoder(io.LimitReader(r.Body, maxControlBody))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&req); err != nil {
				writeJSON(rw, http.StatusBadRequest, map[string]string{"error": "body: expected one JSON control request: " + err.Error()})
				return
			}
			result, cerr := w.control(req, log)
			if cerr != nil {
				writeJSON(rw, cerr.status, map[string]string{"error": cerr.msg})
				return
			}
			result["ok"] = true
			writeJSON(rw, http.StatusOK, result)
		default:
			writeJSON(rw, http.StatusNotFound, map[string]string{"error": r.Method + " " + r.URL.Path + ": expected GET /vsguard/calls, GET /vsguard/hosts or POST /vsguard/control"})
		}
	}
}

func writeJSON(rw http.ResponseWriter, status int, v interface{}) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(status)
	_ = json.NewEncoder(rw).Encode(v)
}

func (w *world) control(req controlRequest, log *callLog) (map[string]interface{}, *controlError) {
	if req.Action == "expire-sessions" {
		return map[string]interface{}{"expired": w.expireSessions(log)}, nil
	}
	worldMu.Lock()
	defer worldMu.Unlock()
	defer w.flush()
	host := func() (*hostM, *controlError) {
		h := w.hostByName[req.Host]
		if h == nil {
			return nil, &controlError{http.StatusNotFound, fmt.Sprintf("host: no host named %q", req.Host)}
		}
		return h, nil
	}
	switch req.Action {
	case "reset-host":
		h, err := host()
		if err != nil {
			return nil, err
		}
		if t := w.drops[h.name]; t != nil {
			t.Stop()
			delete(w.drops, h.name)
		}
		h.crashed, h.isolated = nil, false
		h.lacpOrigin = map[string]*dvsM{}
		w.setState(h, types.HostSystemConnectionStateConnected)
	case "fail-next-task":
		h, err := host()
		if err != nil {
			return nil, err
		}
		name := req.Fault
		if name == "" {
			name = "HostConfigFault"
		}
		fault, ok := injectable[name]
		if !ok {
			return nil, badRequest("fault: expected one of %s, got %q", strings.Join(sortedKeys(injectable), ", "), req.Fault)
		}
		w.faults.failNext[h.name] = newFault(fault(h.name), "injected %s on %s", name, h.name)
	case "drop-host":
		h, err := host()
		if err != nil {
			return nil, err
		}
		state := types.HostSystemConnectionState(req.State)
		if req.State == "" {
			state = types.HostSystemConnectionStateNotResponding
		}
		if state != types.HostSystemConnectionStateNotResponding && state != types.HostSystemConnectionStateDisconnected {
			return nil, badRequest("state: expected notResponding or disconnected, got %q", req.State)
		}
		delay := time.Duration(req.AfterSeconds * float64(time.Second))
		if delay < 0 || delay > maxDelay {
			return nil, badRequest("afterSeconds: expected 0..%d, got %v", int(maxDelay.Seconds()), req.AfterSeconds)
		}
		if delay == 0 {
			w.setState(h, state)
			break
		}
		if t := w.drops[h.name]; t != nil {
			t.Stop()
		}
		w.drops[h.name] = time.AfterFunc(delay, func() {
			worldMu.Lock()
			defer worldMu.Unlock()
			delete(w.drops, h.name)
			w.setState(h, state)
			w.flush()
		})
	case "raise-alarm":
		h, err := host()
		if err != nil {
			return nil, err
		}
		status := types.ManagedEntityStatus(req.Status)
		if req.Status == "" {
			status = types.ManagedEntityStatusRed
		}
		if status != types.ManagedEntityStatusRed && status != types.ManagedEntityStatusYellow {
			return nil, badRequest("status: expected red or yellow, got %q", req.Status)
		}
		name := req.Alarm
		if name == "" {
			name = "Host connection and power state"
		}
		w.raiseAlarm(h, name, status)
	case "clear-alarms":
		h, err := host()
		if err != nil {
			return nil, err
		}
		simulator.Map.Update(h.obj, []types.PropertyChange{
			{Name: "triggeredAlarmState", Val: []types.AlarmState{}},
			{Name: "overallStatus", Val: types.ManagedEntityStatusGreen},
		})
	case "task-times":
		queued, err := taskTime("queued", req.Queued, w.settings.taskQueued)
		if err != nil {
			return nil, err
		}
		running, err := taskTime("running", req.Running, w.settings.taskRunning)
		if err != nil {
			return nil, err
		}
		w.settings.taskQueued, w.settings.taskRunning = queued, running
	case "network-rollback":
		if req.Enabled == nil {
			return nil, badRequest("enabled: expected true or false")
		}
		w.settings.setRollback(*req.Enabled)
	default:
		return nil, badRequest("action: expected reset-host, fail-next-task, drop-host, raise-alarm, clear-alarms, task-times, network-rollback or expire-sessions, got %q", req.Action)
	}
	return map[string]interface{}{}, nil
}

func taskTime(field, value string, current time.Duration) (time.Duration, *controlError) {
	if value == "" {
		return current, nil
	}
	d, err := time.ParseDuration(value)
	if err != nil || d < 0 || d > maxTaskTime {
		return 0, badRequest("%s: expected a duration of 0..10m such as 50ms or 2s, got %q", field, value)
	}
	return d, nil
}

// raiseAlarm triggers an alarm on a host as vCenter shows it: an entry in the host's
// triggeredAlarmState naming an Alarm object, and the host's overall status.
func (w *world) raiseAlarm(h *hostM, name string, status types.ManagedEntityStatus) {
	alarm := w.faults.alarms[name]
	if alarm == nil {
		alarm = &harnessAlarm{}
		alarm.Self = types.ManagedObjectReference{Type: "Alarm", Value: fmt.Sprintf("alarm-vsguard-%d", len(w.faults.alarms)+1)}
		alarm.Info = types.AlarmInfo{
			AlarmSpec: types.AlarmSpec{
				Name: name, Description: "raised through the harness's control endpoint", Enabled: true,
				Expression: &types.StateAlarmExpression{Operator: "isEqual", Type: "HostSystem",
					StatePath: "runtime.connectionState", Red: "notResponding"},
			},
			Key:    alarm.Self.Value,
			Alarm:  alarm.Self,
			Entity: h.obj.Self,
		}
		simulator.Map.Put(alarm)
		w.faults.alarms[name] = alarm
	}
	states := append([]types.AlarmState(nil), h.obj.TriggeredAlarmState...)
	states = append(states, types.AlarmState{
		Key:           fmt.Sprintf("%s.%s.%d", alarm.Self.Value, h.obj.Self.Value, len(states)+1),
		Entity:        h.obj.Self,
		Alarm:         alarm.Self,
		OverallStatus: status,
		Time:          time.Now(),
		Acknowledged:  types.NewBool(false),
	})
	simulator.Map.Update(h.obj, []types.PropertyChange{
		{Name: "triggeredAlarmState", Val: states},
		{Name: "overallStatus", Val: status},
	})
}

// expireSessions ends every session the harness has seen, as an idle timeout would: the next
// call of that client answers NotAuthenticated.
func (w *world) expireSessions(log *callLog) int {
	si := simulator.Map.Get(vim25.ServiceInstance).(*simulator.ServiceInstance)
	expired := 0
	for _, key := range log.sessionKeys() {
		_, err := methods.TerminateSession(w.ctx, w.client, &types.TerminateSession{
			This: *si.Content.SessionManager, SessionId: []string{key},
		})
		if err == nil {
			expired++
		}
	}
	return expired
}

type hostState struct {
	Name              string     `json:"name"`
	ConnectionState   string     `json:"connectionState"`
	InMaintenanceMode bool       `json:"inMaintenanceMode"`
	Crashed           *crashInfo `json:"crashed"`
	Isolated          bool       `json:"isolated"`
	VMs               int        `json:"vms"`
	Alarms            int        `json:"alarms"`
}

func (w *world) hostStates() []hostState {
	worldMu.Lock()
	defer worldMu.Unlock()
	var out []hostState
	for _, h := range w.hostList {
		out = append(out, hostState{
			Name:              h.name,
			ConnectionState:   string(h.obj.Runtime.ConnectionState),
			InMaintenanceMode: h.obj.Runtime.InMaintenanceMode,
			Crashed:           h.crashed,
			Isolated:          h.isolated,
			VMs:               len(h.obj.Vm),
			Alarms:            len(h.obj.TriggeredAlarmState),
		})
	}
	return out
}

func sortedKeys(m map[string]func(string) types.BaseMethodFault) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
