package main

// DistributedVirtualSwitch.ReconfigureDvs_Task for host members: add (with or without a pnic
// backing), edit (the backing: each pnic on an uplink or LAG port) and remove. The request is
// checked whole first — its configVersion (a stale one is ConcurrentAccess, as vCenter's
// optimistic locking answers), its hosts and each host's edit — and a request that fails a
// check changes nothing. Then each host is changed on its own, as vCenter pushes the new
// configuration to every member: a host that is down, has an injected fault, crashes, or
// whose change is rolled back is reported in a DvsOperationBulkFault; the others keep theirs.

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

func (s *vmwareDVS) ReconfigureDvsTask(ctx *simulator.Context, req *types.ReconfigureDvs_Task) soap.HasFault {
	w := s.w
	var d *dvsM
	for _, sw := range w.switches {
		if sw.obj == s {
			d = sw
		}
	}
	spec := req.Spec
	ref := w.startTask(ctx, s, d.name(), "reconfigureDvsTask", func(time.Time) (types.AnyType, *netFault, time.Duration) {
		return nil, w.reconfigure(d, spec), 0
	})
	return &methods.ReconfigureDvs_TaskBody{Res: &types.ReconfigureDvs_TaskResponse{Returnval: ref}}
}

type memberChange struct {
	host *hostM
	next *hostM
}

func (w *world) reconfigure(d *dvsM, spec types.BaseDVSConfigSpec) *netFault {
	if spec == nil {
		return invalidArgument("spec", "ReconfigureDvs_Task needs a spec")
	}
	if others := unmodelledSpec(spec); len(others) > 0 {
		return notSupported("the harness reconfigures host members only; spec.%s is not modelled", strings.Join(others, ", spec."))
	}
	cs := spec.GetDVSConfigSpec()
	if cs.ConfigVersion == "" {
		return invalidArgument("spec.configVersion", "configVersion is required to reconfigure %s (it is %s)", d.name(), d.configVersion())
	}
	if cs.ConfigVersion != d.configVersion() {
		return newFault(&types.ConcurrentAccess{}, "%s was changed by another operation: spec.configVersion is %s, the switch is at %s",
			d.name(), cs.ConfigVersion, d.configVersion())
	}
	seen := map[*hostM]bool{}
	var changes []memberChange
	var bulk []types.DvsOperationBulkFaultFaultOnHost
	for i, m := range cs.Host {
		at := fmt.Sprintf("spec.host[%d]", i)
		h := w.hostByRef(m.Host)
		if h == nil {
			return newFault(&types.ManagedObjectNotFound{Obj: m.Host}, "%s.host: %s is not a host of this vCenter", at, m.Host)
		}
		if seen[h] {
			return invalidArgument(at+".host", "host %s appears twice; a host has one entry per request", h.name)
		}
		seen[h] = true
		if m.MaxProxySwitchPorts != 0 && m.MaxProxySwitchPorts != proxySwitchPorts {
			return notSupported("%s.maxProxySwitchPorts: the harness's proxy switches have %d ports", at, proxySwitchPorts)
		}
		if len(m.VendorSpecificConfig) > 0 {
			return notSupported("%s.vendorSpecificConfig is not modelled", at)
		}
		e := netEdit{}
		switch m.Operation {
		case string(types.ConfigSpecOperationAdd):
			e.join = d
		case string(types.ConfigSpecOperationEdit):
			if h.proxy(d) == nil {
				return notFound("%s: host %s is not a member of %s", at, h.name, d.name())
			}
		case string(types.ConfigSpecOperationRemove):
			e.leave = d
			if m.Backing != nil {
				return invalidArgument(at+".backing", "a host being removed takes no backing")
			}
		default:
			return invalidArgument(at+".operation", "expected add, edit or remove, got %q", m.Operation)
		}
		if m.Backing != nil {
			e.proxies = []proxyEdit{{dvs: d, backing: m.Backing, field: at + ".backing"}}
		}
		next, f := w.edit(h, e)
		if f != nil {
			return f
		}
		changes = append(changes, memberChange{host: h, next: next})
	}
	for _, c := range changes {
		h := c.host
		f := w.faults.take(h.name)
		if f == nil {
			f = w.reachable(h)
		}
		if f == nil {
			f = w.commit(h, c.next, "ReconfigureDvs_Task on "+d.name())
		}
		if f != nil {
			bulk = append(bulk, types.DvsOperationBulkFaultFaultOnHost{Host: h.obj.Self, Fault: f.localized()})
		}
	}
	if len(bulk) > 0 {
		var names []string
		for _, b := range bulk {
			names = append(names, w.hostByRef(b.Host).name+": "+b.Fault.LocalizedMessage)
		}
		return newFault(&types.DvsOperationBulkFault{HostFault: bulk},
			"the operation failed on %d of %d hosts: %s", len(bulk), len(changes), strings.Join(names, "; "))
	}
	return nil
}

// unmodelledSpec names the members of a DVSConfigSpec (and VMwareDVSConfigSpec) that are set
// besides configVersion and host.
func unmodelledSpec(spec types.BaseDVSConfigSpec) []string {
	var out []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				if f.Type.Kind() == reflect.Struct && f.Type.Name() != "DynamicData" {
					walk(v.Field(i))
				}
				continue
			}
			name := strings.Split(f.Tag.Get("xml"), ",")[0]
			if name != "configVersion" && name != "host" && !v.Field(i).IsZero() {
				out = append(out, name)
			}
		}
	}
	walk(reflect.ValueOf(spec).Elem())
	sort.Strings(out)
	return out
}
