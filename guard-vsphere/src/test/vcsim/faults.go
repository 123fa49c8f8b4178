package main

// The fault model. Every committed network write is judged on the host's before/after pair:
//
//   - The 2016 bug: a pnic that leaves an LACP LAG of one distributed switch and is attached to
//     another distributed switch without having been on a standard switch in between makes
//     the host purple-screen. The write is applied (the host took it, then crashed), the host
//     goes notResponding and stays down until reset through the control endpoint.
//   - Management loss: a write that leaves a management VMkernel adapter without a pnic that
//     can carry it is rolled back with NetworkDisruptedAndConfigRolledBack when vCenter's
//     network rollback (advanced setting config.vpxd.network.rollback) is on, the default;
//     with it off, the write is applied and the host drops off (notResponding).
//
// Injected faults (control.go) come on top: fail the next task on a host, drop a host, raise
// an alarm, slow tasks, expire sessions.

import (
	"strings"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/types"
)

const rollbackOption = "config.vpxd.network.rollback"

// options are the harness's command-line settings of the fault model and the tasks.
type options struct {
	taskQueued  time.Duration
	taskRunning time.Duration
	rollback    bool
}

// settings are the live ones; guarded by worldMu.
type settings struct {
	taskQueued  time.Duration
	taskRunning time.Duration
	options     *simulator.OptionManager // vCenter's advanced settings, where rollback lives
}

func newSettings(opts options) *settings {
	si := simulator.Map.Get(vim25.ServiceInstance).(*simulator.ServiceInstance)
	om := simulator.Map.Get(*si.Content.Setting).(*simulator.OptionManager)
	value := "true"
	if !opts.rollback {
		value = "false"
	}
	om.Setting = append(append([]types.BaseOptionValue(nil), om.Setting...),
		&types.OptionValue{Key: rollbackOption, Value: value})
	return &settings{taskQueued: opts.taskQueued, taskRunning: opts.taskRunning, options: om}
}

// rollback reads vCenter's setting as it is now: a client may change it with UpdateOptions.
func (s *settings) rollback() bool {
	on := true
	simulator.Map.WithLock(s.options, func() {
		for _, o := range s.options.Setting {
			v := o.GetOptionValue()
			if v.Key != rollbackOption {
				continue
			}
			switch x := v.Value.(type) {
			case bool:
				on = x
			case string:
				on = !strings.EqualFold(strings.TrimSpace(x), "false")
			}
		}
	})
	return on
}

func (s *settings) setRollback(on bool) {
	value := "true"
	if !on {
		value = "false"
	}
	simulator.Map.WithLock(s.options, func() {
		for _, o := range s.options.Setting {
			if v := o.GetOptionValue(); v.Key == rollbackOption {
				v.Value = value
			}
		}
	})
}

// verdict is what the fault model makes of one host's write.
type verdict struct {
	crash    *crashInfo
	mgmtLost []string
}

// judge tracks pnics leaving LACP LAGs (next.lacpOrigin) and finds the crash and management
// loss a write causes.
func judge(old, next *hostM, method string) verdict {
	var v verdict
	for _, p := range next.pnics {
		dev := p.Device
		was, now := old.locate(dev), next.locate(dev)
		origin := next.lacpOrigin[dev]
		if was.dvs != nil && was.dvs.inLag(was.port) && now.dvs != was.dvs {
			origin = was.dvs
		}
		switch {
		case now.vss != "":
			origin = nil // the transitional standard switch: what VMware's guidance asks for
		case now.dvs != nil && now.dvs == origin:
			origin = nil // back on its own switch
		case now.dvs != nil && origin != nil && was.dvs != now.dvs && v.crash == nil:
			v.crash = &crashInfo{Pnic: dev, From: origin.name(), To: now.dvs.name(), Via: method}
		}
		if origin == nil {
			delete(next.lacpOrigin, dev)
		} else {
			next.lacpOrigin[dev] = origin
		}
	}
	for _, vn := range next.vnics {
		if !vn.management() {
			continue
		}
		if before := old.vnic(vn.device); before != nil && old.managementUp(before) && !next.managementUp(vn) {
			v.mgmtLost = append(v.mgmtLost, vn.device)
		}
	}
	return v
}

// commit judges a write and applies it or not (see the file comment). The switches whose
// members changed are collected in w.dirty until flush publishes them.
func (w *world) commit(live, next *hostM, method string) *netFault {
	v := judge(live, next, method)
	switch {
	case v.crash != nil:
		w.install(live, next)
		live.crashed = v.crash
		w.setState(live, types.HostSystemConnectionStateNotResponding)
		return newFault(&types.HostNotReachable{},
			"host %s stopped responding during %s: physical adapter %s left an LACP LAG of %s and was attached directly to %s (purple diagnostic screen)",
			live.name, method, v.crash.Pnic, v.crash.From, v.crash.To)
	case len(v.mgmtLost) > 0 && w.settings.rollback():
		return newFault(&types.NetworkDisruptedAndConfigRolledBack{Host: live.name},
			"the change to %s would leave management adapter %s without an uplink; vCenter rolled it back",
			live.name, strings.Join(v.mgmtLost, ", "))
	case len(v.mgmtLost) > 0:
		w.install(live, next)
		live.isolated = true
		w.setState(live, types.HostSystemConnectionStateNotResponding)
		return newFault(&types.HostNotReachable{},
			"host %s stopped responding after %s: management adapter %s has no uplink and network rollback is off",
			live.name, method, strings.Join(v.mgmtLost, ", "))
	}
	w.install(live, next)
	return nil
}

// install commits a host's new model and publishes it; switches whose membership or pnics
// changed get a new configVersion at flush, as vCenter bumps it once per reconfiguration.
func (w *world) install(live, next *hostM) {
	for _, d := range w.switches {
		before, after := live.proxy(d), next.proxy(d)
		if !sameProxy(before, after) {
			w.dirty[d] = true
		}
		if before != nil || after != nil || vnicOn(live, d) || vnicOn(next, d) {
			w.touched[d] = true
		}
	}
	*live = *next
	w.publishHost(live)
}

// flush publishes the switches a write touched, bumping the configVersion of changed ones.
func (w *world) flush() {
	for _, d := range w.switches {
		if w.dirty[d] {
			d.version++
		}
		if w.dirty[d] || w.touched[d] {
			w.publishSwitch(d)
		}
	}
	w.dirty = map[*dvsM]bool{}
	w.touched = map[*dvsM]bool{}
}

func sameProxy(a, b *proxyM) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.pnics) != len(b.pnics) {
		return false
	}
	for i := range a.pnics {
		if a.pnics[i] != b.pnics[i] {
			return false
		}
	}
	return true
}

func vnicOn(h *hostM, d *dvsM) bool {
	for _, v := range h.vnics {
		if v.dvs == d {
			return true
		}
	}
	return false
}

// reachable: vCenter can only change a host it is connected to.
func (w *world) reachable(h *hostM) *netFault {
	switch h.obj.Runtime.ConnectionState {
	case types.HostSystemConnectionStateConnected:
		return nil
	case types.HostSystemConnectionStateDisconnected:
		return newFault(&types.HostNotConnected{}, "host %s is disconnected", h.name)
	default:
		return newFault(&types.HostNotReachable{}, "host %s is not responding", h.name)
	}
}

func (w *world) setState(h *hostM, state types.HostSystemConnectionState) {
	w.publishState(h, state)
}

// injected holds the faults armed through the control endpoint; guarded by worldMu.
type injected struct {
	failNext map[string]*netFault // host -> the fault of the next task that touches it
	alarms   map[string]*harnessAlarm
}

func newInjected() *injected {
	return &injected{failNext: map[string]*netFault{}, alarms: map[string]*harnessAlarm{}}
}

// take disarms and returns the fault armed for a host's next task, if any.
func (i *injected) take(host string) *netFault {
	f := i.failNext[host]
	delete(i.failNext, host)
	return f
}
