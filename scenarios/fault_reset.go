package scenarios

import "net"

// resetFault closes the connection with SO_LINGER 0, so the kernel sends a TCP RST:
// clients see "connection reset by peer" (retryable for most SDKs).
type resetFault struct{}

func (resetFault) serve(ex *exchange) {
	conn := hijack(ex.w)
	if tc, ok := tcpConn(conn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// tcpConn finds the TCP connection under conn (through TLS).
func tcpConn(conn net.Conn) (*net.TCPConn, bool) {
	for {
		switch c := conn.(type) {
		case *net.TCPConn:
			return c, true
		case interface{ NetConn() net.Conn }:
			conn = c.NetConn()
		default:
			return nil, false
		}
	}
}
