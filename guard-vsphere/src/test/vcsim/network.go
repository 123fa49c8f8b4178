package main

// The edit engine behind every network write. A write is expressed in the vim25 shapes of
// HostNetworkConfig (standard switches, portgroups, proxy switches, VMkernel adapters) plus a
// distributed switch's host member operations, and applied to a copy of the host's model.
// Requests that vCenter or ESXi would refuse come back as the fault they would give; nothing
// is changed then. Whether the result is committed is for the fault model to say (faults.go).
//
// Order and pnic ownership within one request: standard switch edits, then joins, leaves and
// proxy switch backings, then pnic claims, then portgroups, then VMkernel adapters; consistency
// (no adapter left on a removed portgroup or switch) is checked on the result. A distributed
// switch's backing takes a pnic from the switch that has it, as vCenter's Add and Manage Hosts
// wizard migrates an adapter "in use by" another switch; a standard switch refuses a pnic in
// use elsewhere (ResourceInUse) unless the same request releases it.

import (
	"fmt"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// netFault is the fault a write answers with and the message vCenter would show.
type netFault struct {
	fault types.BaseMethodFault
	msg   string
}

func newFault(f types.BaseMethodFault, format string, args ...interface{}) *netFault {
	return &netFault{fault: f, msg: fmt.Sprintf(format, args...)}
}

func (f *netFault) soap() *soap.Fault { return simulator.Fault(f.msg, f.fault) }

func (f *netFault) localized() types.LocalizedMethodFault {
	return types.LocalizedMethodFault{Fault: f.fault, LocalizedMessage: f.msg}
}

func invalidArgument(property, format string, args ...interface{}) *netFault {
	return newFault(&types.InvalidArgument{InvalidProperty: property}, format, args...)
}

func notFound(format string, args ...interface{}) *netFault {
	return newFault(&types.NotFound{}, format, args...)
}

func resourceInUse(kind, name, format string, args ...interface{}) *netFault {
	return newFault(&types.ResourceInUse{Type: kind, Name: name}, format, args...)
}

func notSupported(format string, args ...interface{}) *netFault {
	return newFault(&types.NotSupported{}, format, args...)
}

// netEdit is one host's share of a write.
type netEdit struct {
	vswitches  []types.HostVirtualSwitchConfig
	portgroups []types.HostPortGroupConfig
	proxies    []proxyEdit
	vnics      []types.HostVirtualNicConfig
	join       *dvsM
	leave      *dvsM
}

type proxyEdit struct {
	dvs     *dvsM
	backing types.BaseDistributedVirtualSwitchHostMemberBacking
	field   string // where the backing is in the request, for messages
}

const maxVswitchName = 32

// edit applies e to a copy of h and returns the copy, or the fault the request deserves.
func (w *world) edit(h *hostM, e netEdit) (*hostM, *netFault) {
	c := h.clone()
	if d := e.join; d != nil {
		if c.proxy(d) != nil {
			return nil, newFault(&types.AlreadyExists{Name: h.name},
				"host %s is already a member of distributed switch %s", h.name, d.name())
		}
		if d.inv.Datacenter != h.dc {
			return nil, invalidArgument("host", "host %s is in datacenter %s; distributed switch %s is in %s",
				h.name, h.dc, d.name(), d.inv.Datacenter)
		}
		px := &proxyM{dvs: d, joined: w.nextJoin()}
		for _, name := range d.inv.uplinkNames() {
			px.ports = append(px.ports, portM{name: name, key: d.newPort()})
		}
		c.proxies = append(c.proxies, px)
		c.sortProxies()
	}
	if d := e.leave; d != nil {
		if c.proxy(d) == nil {
			return nil, notFound("host %s is not a member of distributed switch %s", h.name, d.name())
		}
		var kept []*proxyM
		for _, px := range c.proxies {
			if px.dvs != d {
				kept = append(kept, px)
			}
		}
		c.proxies = kept
	}
	for i, vc := range e.vswitches {
		if f := c.editVswitch(fmt.Sprintf("vswitch[%d]", i), vc); f != nil {
			return nil, f
		}
	}
	for _, pe := range e.proxies {
		px := c.proxy(pe.dvs)
		if px == nil {
			return nil, notFound("host %s is not a member of distributed switch %s", h.name, pe.dvs.name())
		}
		pnics, f := c.pnicSpecs(px, pe.backing, pe.field)
		if f != nil {
			return nil, f
		}
		px.pnics = pnics
	}
	if f := c.resolveClaims(h); f != nil {
		return nil, f
	}
	for i, pc := range e.portgroups {
		if f := c.editPortgroup(fmt.Sprintf("portgroup[%d]", i), pc); f != nil {
			return nil, f
		}
	}
	for i, vc := range e.vnics {
		if f := w.editVnic(c, fmt.Sprintf("vnic[%d]", i), vc); f != nil {
			return nil, f
		}
	}
	if f := c.consistent(); f != nil {
		return nil, f
	}
	return c, w.vmsKeepNetworks(h, c)
}

// vmsKeepNetworks: a change may not take its network from a running VM's adapter — ESXi
// refuses to remove a portgroup VMs are connected to, vCenter to take a host out of a
// distributed switch its VMs use (ResourceInUse). Adapters that had no network here before
// the change are not the change's doing.
func (w *world) vmsKeepNetworks(before, after *hostM) *netFault {
	for _, ref := range before.obj.Vm {
		vm := w.vms[ref]
		if vm == nil {
			continue
		}
		for _, n := range vm.nics {
			if before.connects(n) && !after.connects(n) {
				where := "portgroup " + n.network
				if n.dvs != nil {
					where = "distributed switch " + n.dvs.name()
				}
				return resourceInUse("VirtualMachine", vm.Name, "%s of VM %s is connected to %s on %s; move or power off the VM first",
					n.label, vm.Name, where, before.name)
			}
		}
	}
	return nil
}

func (c *hostM) editVswitch(at string, vc types.HostVirtualSwitchConfig) *netFault {
	switch vc.ChangeOperation {
	case string(types.HostConfigChangeOperationAdd):
		if vc.Name == "" || len(vc.Name) > maxVswitchName {
			return invalidArgument(at+".name", "a standard switch needs a name of 1 to %d characters, got %q",
				maxVswitchName, vc.Name)
		}
		if c.vswitch(vc.Name) != nil {
			return newFault(&types.AlreadyExists{Name: vc.Name}, "standard switch %s already exists on %s", vc.Name, c.name)
		}
		vs := &vswitchM{name: vc.Name, numPorts: 128, mtu: 1500}
		if f := vs.setSpec(c, at, vc.Spec); f != nil {
			return f
		}
		c.vswitches = append(c.vswitches, vs)
	case string(types.HostConfigChangeOperationEdit):
		vs := c.vswitch(vc.Name)
		if vs == nil {
			return notFound("no standard switch %s on %s", vc.Name, c.name)
		}
		if f := vs.setSpec(c, at, vc.Spec); f != nil {
			return f
		}
	case string(types.HostConfigChangeOperationRemove):
		var kept []*vswitchM
		for _, vs := range c.vswitches {
			if vs.name != vc.Name {
				kept = append(kept, vs)
			}
		}
		if len(kept) == len(c.vswitches) {
			return notFound("no standard switch %s on %s", vc.Name, c.name)
		}
		c.vswitches = kept
	default:
		return invalidArgument(at+".changeOperation", "expected add, edit or remove, got %q", vc.ChangeOperation)
	}
	return nil
}

// setSpec takes a HostVirtualSwitchSpec as vim25 defines it: the whole desired switch, its
// bridge included (no bridge: no pnics).
func (vs *vswitchM) setSpec(c *hostM, at string, spec *types.HostVirtualSwitchSpec) *netFault {
	if spec == nil {
		return invalidArgument(at+".spec", "a standard switch change needs its spec")
	}
	if spec.NumPorts < 0 || spec.NumPorts > 4096 {
		return invalidArgument(at+".spec.numPorts", "expected 0..4096 ports, got %d", spec.NumPorts)
	}
	if spec.NumPorts > 0 {
		vs.numPorts = spec.NumPorts
	}
	if spec.Mtu != 0 {
		if f := checkMtuValue(at+".spec.mtu", spec.Mtu); f != nil {
			return f
		}
		vs.mtu = spec.Mtu
	}
	var devices []string
	switch b := spec.Bridge.(type) {
	case nil:
	case *types.HostVirtualSwitchBondBridge:
		devices = b.NicDevice
	case *types.HostVirtualSwitchSimpleBridge:
		devices = []string{b.NicDevice}
	default:
		return notSupported("the harness models bond and simple bridges, not %T", spec.Bridge)
	}
	seen := map[string]bool{}
	for _, d := range devices {
		if !c.hasPnic(d) {
			return notFound("host %s has no physical adapter %s", c.name, d)
		}
		if seen[d] {
			return invalidArgument(at+".spec.bridge.nicDevice", "%s is listed twice", d)
		}
		seen[d] = true
	}
	vs.pnics = append([]string(nil), devices...)
	// a pnic that leaves the switch leaves its portgroups' failover orders too
	for _, pg := range vs.portgroups {
		if t := pg.teaming; t != nil && t.NicOrder != nil {
			pg.teaming = nicTeaming(t.Policy, keep(t.NicOrder.ActiveNic, vs.pnics), keep(t.NicOrder.StandbyNic, vs.pnics))
		}
	}
	return nil
}

func checkMtuValue(at string, mtu int32) *netFault {
	if mtu < 1280 || mtu > 9000 {
		return invalidArgument(at, "expected an MTU of 1280..9000, got %d", mtu)
	}
	return nil
}

// portgroupTeaming reads a portgroup spec's own failover order: nil (inherit the switch's)
// when the spec sets none; refused when it names a pnic the switch does not bridge.
func portgroupTeaming(at string, vs *vswitchM, policy types.HostNetworkPolicy) (*types.HostNicTeamingPolicy, *netFault) {
	t := policy.NicTeaming
	if t == nil || t.NicOrder == nil {
		return nil, nil
	}
	for _, p := range append(append([]string(nil), t.NicOrder.ActiveNic...), t.NicOrder.StandbyNic...) {
		if !contains(vs.pnics, p) {
			return nil, invalidArgument(at+".policy.nicTeaming.nicOrder", "%s is not a physical adapter of standard switch %s", p, vs.name)
		}
	}
	name := t.Policy
	if name == "" {
		name = "loadbalance_srcid"
	}
	return nicTeaming(name, t.NicOrder.ActiveNic, t.NicOrder.StandbyNic), nil
}

func keep(list, allowed []string) []string {
	var out []string
	for _, x := range list {
		if contains(allowed, x) {
			out = append(out, x)
		}
	}
	return out
}

// pnicSpecs reads a pnic backing for a proxy switch: each pnic on an uplink port of this host;
// a spec without a port key gets the first free plain uplink port, as vCenter assigns one.
func (c *hostM) pnicSpecs(px *proxyM, backing types.BaseDistributedVirtualSwitchHostMemberBacking, at string) ([]pnicOnPort, *netFault) {
	b, ok := backing.(*types.DistributedVirtualSwitchHostMemberPnicBacking)
	if !ok {
		return nil, notSupported("the harness models pnic backings, not %T", backing)
	}
	var out []pnicOnPort
	usedPort := map[string]string{}
	seen := map[string]bool{}
	for i, ps := range b.PnicSpec {
		field := fmt.Sprintf("%s.pnicSpec[%d]", at, i)
		if !c.hasPnic(ps.PnicDevice) {
			return nil, notFound("host %s has no physical adapter %q", c.name, ps.PnicDevice)
		}
		if seen[ps.PnicDevice] {
			return nil, invalidArgument(field+".pnicDevice", "%s is listed twice", ps.PnicDevice)
		}
		seen[ps.PnicDevice] = true
		if ps.UplinkPortgroupKey != "" && ps.UplinkPortgroupKey != px.dvs.uplinkPG.Key {
			return nil, invalidArgument(field+".uplinkPortgroupKey", "%s is not the uplink portgroup of %s (%s)",
				ps.UplinkPortgroupKey, px.dvs.name(), px.dvs.uplinkPG.Key)
		}
		if ps.UplinkPortKey != "" {
			if px.portName(ps.UplinkPortKey) == "" {
				return nil, invalidArgument(field+".uplinkPortKey", "port %s is not an uplink port of %s on %s",
					ps.UplinkPortKey, px.dvs.name(), c.name)
			}
			if other, dup := usedPort[ps.UplinkPortKey]; dup {
				return nil, invalidArgument(field+".uplinkPortKey", "port %s is given to both %s and %s",
					ps.UplinkPortKey, other, ps.PnicDevice)
			}
			usedPort[ps.UplinkPortKey] = ps.PnicDevice
		}
		out = append(out, pnicOnPort{device: ps.PnicDevice, port: ps.UplinkPortKey})
	}
	for i := range out {
		if out[i].port != "" {
			continue
		}
		// a pnic already on this switch keeps its port when that port is still free
		for _, b := range px.pnics {
			if _, taken := usedPort[b.port]; b.device == out[i].device && !taken {
				out[i].port = b.port
				usedPort[b.port] = b.device
			}
		}
		if out[i].port != "" {
			continue
		}
		for _, port := range px.ports {
			if _, taken := usedPort[port.key]; !taken && px.dvs.lagOf(port.name) == "" {
				out[i].port = port.key
				usedPort[port.key] = out[i].device
				break
			}
		}
		if out[i].port == "" {
			return nil, newFault(&types.ResourceNotAvailable{Type: "uplink port", ContainerType: "DistributedVirtualSwitch",
				ContainerName: px.dvs.name()}, "no free uplink port of %s on %s for %s", px.dvs.name(), c.name, out[i].device)
		}
	}
	return out, nil
}

type holder struct {
	vss string
	dvs *dvsM
}

// resolveClaims settles pnics that the request put on a second switch (see the file comment).
func (c *hostM) resolveClaims(before *hostM) *netFault {
	for _, p := range c.pnics {
		dev := p.Device
		var holders []holder
		for _, vs := range c.vswitches {
			if contains(vs.pnics, dev) {
				holders = append(holders, holder{vss: vs.name})
			}
		}
		for _, px := range c.proxies {
			for _, b := range px.pnics {
				if b.device == dev {
					holders = append(holders, holder{dvs: px.dvs})
				}
			}
		}
		if len(holders) < 2 {
			continue
		}
		was := before.locate(dev)
		var claims []holder
		for _, hd := range holders {
			if hd.vss != was.vss || hd.dvs != was.dvs {
				claims = append(claims, hd)
			}
		}
		if len(claims) != 1 {
			return resourceInUse("PhysicalNic", dev, "physical adapter %s is given to more than one switch in one request", dev)
		}
		if claims[0].vss != "" {
			return resourceInUse("PhysicalNic", dev, "physical adapter %s is in use by %s; release it in the same request or first",
				dev, was)
		}
		// the distributed switch takes it
		for _, vs := range c.vswitches {
			vs.pnics = remove(vs.pnics, dev)
		}
		for _, px := range c.proxies {
			if px.dvs == claims[0].dvs {
				continue
			}
			var kept []pnicOnPort
			for _, b := range px.pnics {
				if b.device != dev {
					kept = append(kept, b)
				}
			}
			px.pnics = kept
		}
	}
	return nil
}

func (c *hostM) editPortgroup(at string, pc types.HostPortGroupConfig) *netFault {
	spec := pc.Spec
	if spec == nil {
		return invalidArgument(at+".spec", "a portgroup change needs its spec")
	}
	switch pc.ChangeOperation {
	case string(types.HostConfigChangeOperationAdd):
		if spec.Name == "" {
			return invalidArgument(at+".spec.name", "a portgroup needs a name")
		}
		if vs, _ := c.portgroup(spec.Name); vs != nil {
			return newFault(&types.AlreadyExists{Name: spec.Name}, "portgroup %s already exists on %s (standard switch %s)",
				spec.Name, c.name, vs.name)
		}
		vs := c.vswitch(spec.VswitchName)
		if vs == nil {
			return notFound("no standard switch %s on %s for portgroup %s", spec.VswitchName, c.name, spec.Name)
		}
		if spec.VlanId < 0 || spec.VlanId > 4095 {
			return invalidArgument(at+".spec.vlanId", "expected a VLAN id of 0..4095, got %d", spec.VlanId)
		}
		teaming, f := portgroupTeaming(at+".spec", vs, spec.Policy)
		if f != nil {
			return f
		}
		vs.portgroups = append(vs.portgroups, &portgroupM{name: spec.Name, vlan: spec.VlanId, teaming: teaming})
	case string(types.HostConfigChangeOperationEdit):
		vs, pg := c.portgroup(spec.Name)
		if pg == nil {
			return notFound("no portgroup %s on %s", spec.Name, c.name)
		}
		if spec.VlanId < 0 || spec.VlanId > 4095 {
			return invalidArgument(at+".spec.vlanId", "expected a VLAN id of 0..4095, got %d", spec.VlanId)
		}
		to := vs
		if spec.VswitchName != "" && spec.VswitchName != vs.name {
			if to = c.vswitch(spec.VswitchName); to == nil {
				return notFound("no standard switch %s on %s", spec.VswitchName, c.name)
			}
		}
		// the spec is the whole portgroup: a policy it leaves unset is inherited from the switch
		teaming, f := portgroupTeaming(at+".spec", to, spec.Policy)
		if f != nil {
			return f
		}
		pg.vlan, pg.teaming = spec.VlanId, teaming
		if to != vs {
			vs.portgroups = removePG(vs.portgroups, pg)
			to.portgroups = append(to.portgroups, pg)
		}
	case string(types.HostConfigChangeOperationRemove):
		vs, pg := c.portgroup(spec.Name)
		if pg == nil {
			return notFound("no portgroup %s on %s", spec.Name, c.name)
		}
		vs.portgroups = removePG(vs.portgroups, pg)
	default:
		return invalidArgument(at+".changeOperation", "expected add, edit or remove, got %q", pc.ChangeOperation)
	}
	return nil
}

// editVnic moves a VMkernel adapter — to a standard portgroup (portgroup) or to a distributed
// portgroup (spec.distributedVirtualPort) — and sets its MTU; a spec without an MTU keeps the
// adapter's. Its address and MAC are not modelled: a request that changes them is refused
// rather than half applied.
func (w *world) editVnic(c *hostM, at string, vc types.HostVirtualNicConfig) *netFault {
	switch vc.ChangeOperation {
	case string(types.HostConfigChangeOperationEdit):
	case string(types.HostConfigChangeOperationAdd), string(types.HostConfigChangeOperationRemove):
		return notSupported("the harness moves existing VMkernel adapters; it does not %s them", vc.ChangeOperation)
	default:
		return invalidArgument(at+".changeOperation", "expected add, edit or remove, got %q", vc.ChangeOperation)
	}
	v := c.vnic(vc.Device)
	if v == nil {
		return notFound("no VMkernel adapter %s on %s", vc.Device, c.name)
	}
	if vc.Spec == nil {
		return invalidArgument(at+".spec", "a VMkernel adapter change needs its spec")
	}
	return w.moveVnic(c, v, at+".spec", vc.Portgroup, *vc.Spec)
}

func (w *world) moveVnic(c *hostM, v *vnicM, at, portgroup string, spec types.HostVirtualNicSpec) *netFault {
	if portgroup == "" {
		portgroup = spec.Portgroup
	}
	if f := unchangedVnicFields(v, at, spec); f != nil {
		return f
	}
	if spec.Mtu != 0 {
		if f := checkMtuValue(at+".mtu", spec.Mtu); f != nil {
			return f
		}
		v.spec.Mtu = spec.Mtu
	}
	dvp := spec.DistributedVirtualPort
	if portgroup != "" && dvp != nil {
		return invalidArgument(at+".distributedVirtualPort",
			"a VMkernel adapter is on a standard portgroup or on a distributed port, not both")
	}
	switch {
	case dvp != nil:
		d := w.switchByUUID(dvp.SwitchUuid)
		if d == nil {
			return notFound("no distributed switch with uuid %q", dvp.SwitchUuid)
		}
		if c.proxy(d) == nil {
			return invalidArgument(at+".distributedVirtualPort.switchUuid",
				"host %s is not a member of distributed switch %s", c.name, d.name())
		}
		pg := d.portgroupByKey(dvp.PortgroupKey)
		if pg == nil {
			return notFound("distributed switch %s has no portgroup with key %q", d.name(), dvp.PortgroupKey)
		}
		if pg == d.uplinkPG {
			return invalidArgument(at+".distributedVirtualPort.portgroupKey",
				"%s is the uplink portgroup of %s; VMkernel adapters go on a distributed portgroup", pg.Name, d.name())
		}
		port := dvp.PortKey
		switch {
		case port == "" && v.dvs == d && v.dvPG == pg.Key:
			port = v.dvPort
		case port == "":
			port = d.newPort()
		default:
			if owner := w.portOwner(c, d, port); owner != "" && owner != v.device {
				return resourceInUse("DistributedVirtualPort", port, "port %s of %s is in use by %s", port, d.name(), owner)
			}
		}
		v.portgroup, v.vssPort = "", ""
		v.dvs, v.dvPG, v.dvPort = d, pg.Key, port
	case portgroup != "":
		if _, pg := c.portgroup(portgroup); pg == nil {
			return notFound("no portgroup %s on %s", portgroup, c.name)
		}
		if v.portgroup != portgroup {
			v.vssPort = fmt.Sprintf("key-vim.host.PortGroup.Port-%d", c.nextVssPort)
			c.nextVssPort++
		}
		v.portgroup = portgroup
		v.dvs, v.dvPG, v.dvPort = nil, "", ""
	}
	return nil
}

// unchangedVnicFields refuses a change of what the harness does not model; clients that send
// the adapter's whole spec back with a new location are fine.
func unchangedVnicFields(v *vnicM, at string, spec types.HostVirtualNicSpec) *netFault {
	if ip := spec.Ip; ip != nil && (ip.Dhcp || ip.IpAddress != v.spec.Ip.IpAddress || ip.SubnetMask != v.spec.Ip.SubnetMask) {
		return notSupported("the harness does not change VMkernel addresses (%s.ip)", at)
	}
	if spec.Mac != "" && spec.Mac != v.spec.Mac {
		return notSupported("the harness does not change VMkernel MAC addresses (%s.mac)", at)
	}
	return nil
}

// portOwner names the adapter on a distributed port, across every host of the switch.
func (w *world) portOwner(c *hostM, d *dvsM, port string) string {
	for _, h := range w.hostList {
		if h.name == c.name {
			h = c
		}
		for _, v := range h.vnics {
			if v.dvs == d && v.dvPort == port {
				return h.name + " " + v.device
			}
		}
		if px := h.proxy(d); px != nil && px.portName(port) != "" {
			return h.name + " uplink " + px.portName(port)
		}
	}
	for _, vm := range w.vmList {
		for _, n := range vm.nics {
			if n.dvs == d && n.dvPort == port {
				return "VM " + vm.Name + " " + n.label
			}
		}
	}
	return ""
}

// consistent: no VMkernel adapter is left on a portgroup or switch the request removed.
func (c *hostM) consistent() *netFault {
	for _, v := range c.vnics {
		if v.portgroup != "" {
			if vs, _ := c.portgroup(v.portgroup); vs == nil {
				return resourceInUse("HostVirtualNic", v.device,
					"VMkernel adapter %s is connected to portgroup %s; move it before removing the portgroup or its switch",
					v.device, v.portgroup)
			}
		} else if v.dvs != nil && c.proxy(v.dvs) == nil {
			return resourceInUse("HostVirtualNic", v.device,
				"VMkernel adapter %s is connected to distributed switch %s; move it before removing %s from the switch",
				v.device, v.dvs.name(), c.name)
		}
	}
	return nil
}

func remove(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func removePG(list []*portgroupM, pg *portgroupM) []*portgroupM {
	var out []*portgroupM
	for _, x := range list {
		if x != pg {
			out = append(out, x)
		}
	}
	return out
}
