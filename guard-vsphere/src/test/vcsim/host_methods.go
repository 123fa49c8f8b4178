package main

// HostSystem.EnterMaintenanceMode_Task and ExitMaintenanceMode_Task with vCenter's semantics:
// entering evacuates the host's powered-on VMs to other hosts of its cluster (DRS), the vCenter
// appliance's VM among them, and is refused when there is nowhere to go.

import (
	"sort"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// maxEvacuationWait bounds how long entering maintenance waits for VMs nobody will move (DRS
// off, or a standalone host) when the request's timeout is 0 (vCenter would wait forever);
// a longer timeout is cut to maxTaskTime.
const maxEvacuationWait = 30 * time.Second

func (h *esxHost) EnterMaintenanceModeTask(ctx *simulator.Context, req *types.EnterMaintenanceMode_Task) soap.HasFault {
	w := h.w
	hm := w.hostByRef(h.Self)
	hm.entering = true
	wait := maxEvacuationWait
	if req.Timeout > 0 {
		wait = minDuration(time.Duration(req.Timeout)*time.Second, maxTaskTime)
	}
	ref := w.startTask(ctx, h, hm.name, "enterMaintenanceModeTask", func(started time.Time) (types.AnyType, *netFault, time.Duration) {
		f, retry := w.enterMaintenance(hm, started.Add(wait))
		if retry == 0 {
			hm.entering = false
		}
		return nil, f, retry
	})
	return &methods.EnterMaintenanceMode_TaskBody{Res: &types.EnterMaintenanceMode_TaskResponse{Returnval: ref}}
}

func (h *esxHost) ExitMaintenanceModeTask(ctx *simulator.Context, req *types.ExitMaintenanceMode_Task) soap.HasFault {
	w := h.w
	hm := w.hostByRef(h.Self)
	ref := w.startTask(ctx, h, hm.name, "exitMaintenanceModeTask", func(time.Time) (types.AnyType, *netFault, time.Duration) {
		return nil, w.exitMaintenance(hm), 0
	})
	return &methods.ExitMaintenanceMode_TaskBody{Res: &types.ExitMaintenanceMode_TaskResponse{Returnval: ref}}
}

func (w *world) enterMaintenance(h *hostM, deadline time.Time) (*netFault, time.Duration) {
	if f := w.faults.take(h.name); f != nil {
		return f, 0
	}
	if f := w.reachable(h); f != nil {
		return f, 0
	}
	if h.obj.Runtime.InMaintenanceMode {
		return newFault(&types.InvalidState{}, "host %s is already in maintenance mode", h.name), 0
	}
	vms := append([]types.ManagedObjectReference(nil), h.obj.Vm...)
	if len(vms) > 0 {
		c := w.inv.cluster(h.cluster)
		if c == nil || !c.DrsEnabled {
			// Nobody moves the VMs: vCenter waits for an administrator until the timeout.
			if time.Now().Before(deadline) {
				return nil, minDuration(100*time.Millisecond, time.Until(deadline))
			}
			return newFault(&types.Timedout{}, "host %s still runs %d VMs and DRS does not evacuate them (cluster %q)",
				h.name, len(vms), h.cluster), 0
		}
		targets := w.evacuationTargets(h)
		if len(targets) == 0 {
			return newFault(&types.NoActiveHostInCluster{ComputeResource: *h.obj.Parent},
				"no other host of cluster %s can take the %d VMs of %s (the others are disconnected, not responding or in maintenance mode)",
				h.cluster, len(vms), h.name), 0
		}
		w.evacuate(h, vms, targets)
	}
	simulator.Map.Update(h.obj, []types.PropertyChange{{Name: "runtime.inMaintenanceMode", Val: true}})
	return nil, 0
}

func (w *world) exitMaintenance(h *hostM) *netFault {
	if f := w.faults.take(h.name); f != nil {
		return f
	}
	if f := w.reachable(h); f != nil {
		return f
	}
	if !h.obj.Runtime.InMaintenanceMode {
		return newFault(&types.InvalidState{}, "host %s is not in maintenance mode", h.name)
	}
	simulator.Map.Update(h.obj, []types.PropertyChange{{Name: "runtime.inMaintenanceMode", Val: false}})
	return nil
}

// evacuationTargets are the cluster's other hosts DRS can place VMs on.
func (w *world) evacuationTargets(h *hostM) []*hostM {
	var out []*hostM
	for _, o := range w.hostList {
		if o == h || o.cluster != h.cluster || o.entering || o.crashed != nil ||
			o.obj.Runtime.InMaintenanceMode || o.obj.Runtime.ConnectionState != types.HostSystemConnectionStateConnected {
			continue
		}
		out = append(out, o)
	}
	return out
}

// evacuate moves each VM to the target running the fewest VMs (fixture order breaks ties),
// as a balancing DRS would.
func (w *world) evacuate(h *hostM, vms []types.ManagedObjectReference, targets []*hostM) {
	load := map[*hostM][]types.ManagedObjectReference{}
	for _, t := range targets {
		load[t] = append([]types.ManagedObjectReference(nil), t.obj.Vm...)
	}
	for _, ref := range vms {
		sort.SliceStable(targets, func(i, j int) bool { return len(load[targets[i]]) < len(load[targets[j]]) })
		to := targets[0]
		load[to] = append(load[to], ref)
		if vm := w.vms[ref]; vm != nil {
			host := to.obj.Self
			runtime := vm.Summary.Runtime
			runtime.Host = &host
			simulator.Map.Update(vm, []types.PropertyChange{
				{Name: "runtime.host", Val: host},
				{Name: "summary.runtime", Val: runtime},
			})
		}
	}
	for _, t := range targets {
		if len(load[t]) != len(t.obj.Vm) {
			simulator.Map.Update(t.obj, []types.PropertyChange{{Name: "vm", Val: load[t]}})
		}
	}
	simulator.Map.Update(h.obj, []types.PropertyChange{{Name: "vm", Val: []types.ManagedObjectReference{}}})
}

func minDuration(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}
